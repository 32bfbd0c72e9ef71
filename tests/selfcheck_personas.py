"""Readers the self-check tests answer as (test_selfcheck_rules.py,
test_selfcheck_browser.py), and the first steps each must be given."""

PERSONAS = {
    # A student with a Xiaomi phone, a VPN link from a chat group and one +86
    # number for everything.
    "student": {
        "maker": "xiaomi", "phone-region": "yes", "vendor-account": "yes", "account-region": "yes",
        "vendor-cloud": "yes", "e2e-backup": "china-account", "keyboard": "maker", "cloud-input": "yes",
        "app-store": "yes", "updates": "late", "screen-lock": "no",
        "number-region": "mainland", "sim-real-name": "yes", "overseas-number": "yes",
        "number-wechat": "yes", "national-id": "not-sure", "account-names": "no",
        "vpn-source": "shared", "vpn-operator": "seller", "config-sharing": "yes",
        "anti-fraud-installed": "no", "anti-fraud-asked": "no", "phone-check": "unlikely",
        "travel": "lives-there", "one-phone": "yes",
        "family-inside": "no", "chat-app": "telegram", "in-app-browser": "yes",
        "contacts-access": "yes", "old-integrations": "not-sure",
    },
    # An iPhone user abroad with family in China, who visits them.
    "abroad": {
        "maker": "iphone", "phone-region": "no", "vendor-account": "yes", "account-region": "no",
        "vendor-cloud": "yes", "e2e-backup": "no", "keyboard": "apple-google", "updates": "soon",
        "screen-lock": "yes", "number-region": "abroad", "national-id": "no", "account-names": "no",
        "vpn-source": "none", "anti-fraud-installed": "no", "anti-fraud-asked": "no",
        "phone-check": "unlikely", "travel": "yes", "one-phone": "yes",
        "family-inside": "yes", "family-wechat": "yes", "chat-app": "signal-secret",
        "in-app-browser": "yes", "contacts-access": "yes", "old-integrations": "no",
    },
    # A cautious activist with a second phone, not signed in, with a pattern
    # lock, who may face phone checks.
    "activist": {
        "maker": "other-android", "phone-region": "no", "vendor-account": "no", "vendor-cloud": "no",
        "e2e-backup": "no-cloud", "keyboard": "apple-google", "app-store": "no", "updates": "soon",
        "screen-lock": "no", "number-region": "mainland", "sim-real-name": "yes",
        "overseas-number": "no", "number-wechat": "yes", "national-id": "no", "account-names": "no",
        "vpn-source": "official", "vpn-operator": "own-server", "config-sharing": "no",
        "anti-fraud-installed": "no", "anti-fraud-asked": "yes", "phone-check": "possible",
        "travel": "lives-there", "one-phone": "no",
        "family-inside": "yes", "family-wechat": "no", "chat-app": "telegram",
        "in-app-browser": "no", "contacts-access": "no", "old-integrations": "not-sure",
    },
}

# What a trainer would have each of them do first, in this order.
FIRST = {
    "student": ["keyboard", "screen-lock", "config-sharing"],
    "abroad": ["phone-check", "browser", "e2e-backup"],
    "activist": ["screen-lock", "phone-check", "secret-chats"],
}
