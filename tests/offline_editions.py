"""Helpers for the tests of the offline editions (test_bundle.py, test_small_edition.py,
test_single_file.py): a phone-sized browser context that allows requests to
one folder or one file only, and a way to use the self-check like a person."""
from helpers import PHONE, Audit

# Every link an offline edition may keep as it is: other sites, mail. Anything
# else must be an in-page link (single file) or a file in the copy (zip).
OUTSIDE_LINK = ("http://", "https://", "mailto:")


def audited_context(browser, allowed):
    """A phone-sized context in which only URLs starting with `allowed` load."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    return context, Audit(context, [allowed])


def open_on_a_phone(browser, uri):
    """Open an offline file in a phone-sized audited context; it must not
    scroll sideways. Returns (context, audit, page); close the context."""
    context, audit = audited_context(browser, uri)
    page = context.new_page()
    page.goto(uri)
    page.wait_for_load_state("load")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"the page is {width}px wide on a phone"
    return context, audit, page


def answer_a_question(page):
    """Tick the first answer of the self-check; return the result text before and after."""
    result = page.locator("#self-check-result")
    result.wait_for(state="attached")
    before = result.inner_text()
    page.locator("form#self-check input[type=radio]").first.check()
    page.wait_for_function(
        "before => document.getElementById('self-check-result').innerText !== before", arg=before)
    return before, result.inner_text()


def dangling_in_page_links(page):
    """In-page links (href="#x") in the live page that lead to no element."""
    return page.evaluate("""() => [...document.querySelectorAll('a[href^="#"]')]
        .map(a => decodeURIComponent(a.getAttribute('href').slice(1)))
        .filter(id => id && !document.getElementById(id))""")


def throwaway_key(folder, identity="phone-risk-check"):
    """A new ed25519 key pair in `folder` and an allowed_signers file built from it."""
    import subprocess

    key = folder / "release-key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "throwaway", "-f", str(key)], check=True)
    public = (folder / "release-key.pub").read_text(encoding="ascii").split()
    signers = folder / "allowed_signers"
    signers.write_text(f"{identity} {public[0]} {public[1]}\n", encoding="ascii")
    return key, signers


def sign(key, signers, *files):
    """`make release`'s signing step (scripts/editions/sign.sh): ssh-keygen alone."""
    import subprocess

    from helpers import ROOT

    return subprocess.run(["sh", str(ROOT / "scripts/editions/sign.sh"), str(key), str(signers),
                           *[str(f) for f in files]], capture_output=True, text=True)


def ssh_sign(path, key):
    """Sign `path` into path.sig with `key` and the project's namespace, checking nothing
    (for tests that need a signature by some other key)."""
    import subprocess

    from editions import signing

    sig = path.with_name(path.name + ".sig")
    if sig.exists():
        sig.unlink()
    subprocess.run(["ssh-keygen", "-q", "-Y", "sign", "-f", str(key), "-n", signing.NAMESPACE, str(path)], check=True)
    return sig


def make_release(site, folder, bundled=None):
    """`make release` with a throwaway key, in `folder`, on a copy of the session's site:
    the bundle (or a copy of `bundled`, what `make bundle` made of the same site),
    sign.sh, the publishing step (editions/release.py), sign.sh.

    Returns (site copy, dist, allowed_signers of the throwaway key).
    """
    import shutil

    from helpers import ROOT
    from editions import bundle, release

    copy = folder / "site"
    shutil.copytree(site, copy)
    dist = folder / "dist"
    if bundled:
        shutil.copytree(bundled, dist)
    else:
        bundle.make_bundle(copy, dist)
    key, signers = throwaway_key(folder)
    signed = sign(key, signers, dist / "SHA256SUMS")
    assert signed.returncode == 0, signed.stderr
    made = release.release(copy, dist, ROOT / "mkdocs.yml", signers)
    signed = sign(key, signers, *made[1:])
    assert signed.returncode == 0, signed.stderr
    return copy, dist, signers
