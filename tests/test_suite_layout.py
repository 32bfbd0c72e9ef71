"""The test suite's own shape: what two test modules share lives in a helper
module (helpers.py, selfcheck_driver.py, ...), never in another test module,
so each file can run alone and none runs another's tests by importing it."""
import ast
from pathlib import Path

HERE = Path(__file__).parent


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module.split(".")[0]


def test_no_test_module_imports_another():
    tests = {path.stem for path in HERE.glob("test_*.py")}
    found = sorted((path.name, name) for path in HERE.glob("*.py")
                   for name in imported_modules(path) if name in tests)
    assert not found, f"move what these share into a helper module: {found}"


def test_the_check_finds_an_import_of_a_test_module(tmp_path):
    probe = tmp_path / "test_probe.py"
    probe.write_text("def f():\n    from test_privacy import search\n    import test_csp\n", encoding="utf-8")
    assert {"test_privacy", "test_csp"} <= set(imported_modules(probe))
