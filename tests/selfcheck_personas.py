"""Readers the self-check tests answer as (test_selfcheck_rules.py,
test_selfcheck_browser.py): the four readers of issue 24 (A-D) and five more,
the first three steps a trainer would have each do, and why."""

PERSONAS = {
    # 小王, 24, Guangzhou: Xiaomi (mainland HyperOS), Xiaomi account, the Sogou
    # app, a paid VPN app installed from a link a friend forwarded, reads in WeChat.
    "A": {"maker": "xiaomi", "phone-region": "yes", "vendor-account": "yes", "account-region": "yes",
          "vendor-cloud": "yes", "e2e-backup": "china-account", "keyboard": "chinese-app", "cloud-input": "yes",
          "app-store": "yes", "updates": "late", "screen-lock": "yes", "number-region": "mainland",
          "sim-real-name": "yes", "overseas-number": "no", "national-id": "no", "account-names": "no",
          "vpn-source": "shared", "vpn-operator": "seller", "config-sharing": "no",
          "anti-fraud-installed": "no", "anti-fraud-asked": "no", "phone-check": "unlikely",
          "travel": "lives-there", "one-phone": "yes", "family-inside": "no", "chat-app": "wechat-qq",
          "in-app-browser": "yes", "contacts-access": "yes", "old-integrations": "not-sure"},
    # Li, 31, PhD student in Canada: Huawei bought in China (HarmonyOS 4), HUAWEI
    # ID on a +86 number, WeChat daily with her family, about to fly home.
    "B": {"maker": "huawei", "phone-region": "yes", "vendor-account": "yes", "account-region": "yes",
          "vendor-cloud": "yes", "e2e-backup": "china-account", "keyboard": "maker", "cloud-input": "not-sure",
          "app-store": "yes", "updates": "soon", "screen-lock": "yes", "number-region": "abroad",
          "cn-number": "yes", "national-id": "no", "account-names": "no", "vpn-source": "none",
          "anti-fraud-installed": "no", "anti-fraud-asked": "no", "phone-check": "not-sure", "travel": "yes",
          "one-phone": "yes", "family-inside": "yes", "family-wechat": "yes", "chat-app": "wechat-qq",
          "in-app-browser": "yes", "contacts-access": "yes", "old-integrations": "no"},
    # 陈女士, 45, Beijing: iPhone with a mainland Apple ID and iCloud on, the
    # anti-fraud app installed because she was told to, a VPN a colleague set
    # up; a friend was made to unlock her phone by police.
    "C": {"maker": "iphone", "phone-region": "yes", "vendor-account": "yes", "account-region": "yes",
          "vendor-cloud": "yes", "e2e-backup": "china-account", "keyboard": "apple-google", "app-store": "no",
          "updates": "soon", "screen-lock": "yes", "number-region": "mainland", "sim-real-name": "yes",
          "overseas-number": "no", "national-id": "no", "account-names": "no", "vpn-source": "not-sure",
          "vpn-operator": "not-sure", "config-sharing": "no", "anti-fraud-installed": "yes",
          "anti-fraud-asked": "yes", "phone-check": "possible", "travel": "lives-there", "one-phone": "yes",
          "family-inside": "no", "chat-app": "wechat-qq", "in-app-browser": "yes", "contacts-access": "yes",
          "old-integrations": "no"},
    # 阿杰, 28, Shenzhen: HarmonyOS NEXT, the 小艺 keyboard, no VPN any more.
    "D": {"maker": "huawei-next", "phone-region": "yes", "vendor-account": "yes", "account-region": "yes",
          "vendor-cloud": "yes", "e2e-backup": "china-account", "keyboard": "maker", "cloud-input": "yes",
          "updates": "soon", "screen-lock": "yes", "number-region": "mainland", "sim-real-name": "yes",
          "overseas-number": "no", "national-id": "no", "account-names": "no", "vpn-source": "none",
          "anti-fraud-installed": "no", "anti-fraud-asked": "no", "phone-check": "unlikely",
          "travel": "lives-there", "one-phone": "yes", "family-inside": "no", "chat-app": "wechat-qq",
          "in-app-browser": "yes", "contacts-access": "yes", "old-integrations": "not-sure"},
    # A careful reader abroad: iPhone with Advanced Data Protection, Signal, no
    # VPN, no +86 number; unsure only about old logins.
    "E": {"maker": "iphone", "phone-region": "no", "vendor-account": "yes", "account-region": "no",
          "vendor-cloud": "yes", "e2e-backup": "yes", "keyboard": "apple-google", "updates": "soon",
          "screen-lock": "yes", "number-region": "abroad", "cn-number": "no", "national-id": "no",
          "account-names": "no", "vpn-source": "none", "anti-fraud-installed": "no", "anti-fraud-asked": "no",
          "phone-check": "unlikely", "travel": "no", "one-phone": "no", "family-inside": "no",
          "chat-app": "signal-secret", "in-app-browser": "no", "contacts-access": "no",
          "old-integrations": "not-sure"},
    # A student abroad: Xiaomi (global), Telegram and WeChat on a +86 number
    # kept from home, sensitive talk with family on WeChat, no VPN.
    "F": {"maker": "xiaomi", "phone-region": "no", "vendor-account": "yes", "account-region": "no",
          "vendor-cloud": "not-sure", "e2e-backup": "not-sure", "keyboard": "apple-google", "updates": "soon",
          "screen-lock": "yes", "number-region": "abroad", "cn-number": "yes", "national-id": "no",
          "account-names": "yes", "vpn-source": "none", "anti-fraud-installed": "no", "anti-fraud-asked": "no",
          "phone-check": "unlikely", "travel": "not-sure", "one-phone": "yes", "family-inside": "yes",
          "family-wechat": "yes", "chat-app": "telegram", "in-app-browser": "no", "contacts-access": "yes",
          "old-integrations": "no"},
    # An office worker in mainland China: OPPO, a "VPN" run by a mainland
    # company, passes settings on in groups, Telegram on his +86 number.
    "G": {"maker": "oppo", "phone-region": "yes", "vendor-account": "yes", "account-region": "yes",
          "vendor-cloud": "no", "e2e-backup": "no-cloud", "keyboard": "maker", "cloud-input": "not-sure",
          "app-store": "yes", "updates": "late", "screen-lock": "no", "number-region": "mainland",
          "sim-real-name": "yes", "overseas-number": "yes", "number-wechat": "yes", "national-id": "yes",
          "account-names": "no", "vpn-source": "official", "vpn-operator": "domestic", "config-sharing": "yes",
          "anti-fraud-installed": "no", "anti-fraud-asked": "no", "phone-check": "not-sure",
          "travel": "lives-there", "one-phone": "yes", "family-inside": "no", "chat-app": "telegram",
          "in-app-browser": "yes", "contacts-access": "no", "old-integrations": "no"},
    # A Hong Kong reader with a Samsung, Signal, a HK number on WeChat and
    # overseas accounts, crossing into the mainland soon, where checks happen.
    "H": {"maker": "samsung", "phone-region": "no", "vendor-account": "yes", "account-region": "no",
          "vendor-cloud": "yes", "e2e-backup": "no", "keyboard": "apple-google", "updates": "soon",
          "screen-lock": "yes", "number-region": "hk-macau", "sim-real-name": "yes", "overseas-number": "yes",
          "number-wechat": "yes", "national-id": "no", "account-names": "yes", "vpn-source": "none",
          "anti-fraud-installed": "no", "anti-fraud-asked": "no", "phone-check": "possible", "travel": "yes",
          "one-phone": "yes", "family-inside": "yes", "family-wechat": "not-sure", "chat-app": "signal-secret",
          "in-app-browser": "no", "contacts-access": "yes", "old-integrations": "no"},
    # 陳先生, 38, Hong Kong: a Samsung bought in Hong Kong, WhatsApp for
    # everything sensitive, its chats backed up to his Google account; his
    # Hong Kong number is on WhatsApp and WeChat; no VPN, no trips north planned.
    "I": {"maker": "samsung", "phone-region": "no", "vendor-account": "yes", "account-region": "no",
          "vendor-cloud": "no", "e2e-backup": "not-sure", "keyboard": "apple-google", "updates": "soon",
          "screen-lock": "yes", "number-region": "hk-macau", "sim-real-name": "yes", "overseas-number": "yes",
          "number-wechat": "yes", "national-id": "no", "account-names": "no", "vpn-source": "none",
          "anti-fraud-installed": "no", "anti-fraud-asked": "no", "phone-check": "unlikely", "travel": "no",
          "one-phone": "yes", "family-inside": "no", "chat-app": "whatsapp", "in-app-browser": "no",
          "contacts-access": "yes", "old-integrations": "no"},
}

# The first three steps a trainer would have each of them do, in this order,
# and why.
FIRST = {
    "A": ["app-sources", "vendor-cloud", "keyboard"],
    "B": ["travel", "phone-check", "vendor-cloud"],
    "C": ["phone-check", "anti-fraud", "vendor-cloud"],
    "D": ["vendor-cloud", "keyboard", "app-permissions"],
    "E": ["sessions-and-apps", "find-out"],
    "F": ["family-chats", "cn-number", "secret-chats"],
    "G": ["vpn-choice", "separate-number", "config-sharing"],
    "H": ["travel", "phone-check", "separate-number"],
    "I": ["separate-number", "e2e-backup", "app-permissions"],
}
WHY = {
    "A": "A VPN app from a forwarded link may be an altered copy that reads everything, so it is replaced "
         "first; the Xiaomi cloud holds his contacts and messages where they can be obtained without his "
         "phone; the Sogou app with cloud input sends everything he types.",
    "B": "She flies home soon, so what the phone carries and how she locks it at the border come first; "
         "then the China-region Huawei cloud, which can be read without her phone.",
    "C": "A check is possible, so she learns to lock and switch off the phone first; the anti-fraud app she "
         "was told to install is the next imminent matter; the mainland iCloud can be obtained without her phone.",
    "D": "Huawei's cloud in China reaches him without his phone; the 小艺 keyboard's cloud input sends his "
         "typing; Signal and an outside browser do not run on HarmonyOS NEXT, so they wait, with what to do instead.",
    "E": "Little is exposed: only old logins she was unsure about, and how to find out.",
    "F": "His family's WeChat chats can be read by Tencent and seen when a relative's phone is checked; "
         "the +86 number ties Telegram to his ID card; then Telegram's ordinary chats sit on its servers.",
    "G": "A 'VPN' run by a mainland company answers to the authorities there, so it goes first; his +86 number "
         "leads from Telegram to his ID; passing settings on in groups is read by the platform and has been "
         "prosecuted.",
    "H": "She crosses into the mainland soon, where a check is possible: prepare the phone, then learn to lock "
         "it; then the one number that links her overseas accounts and WeChat.",
    "I": "His Hong Kong number, registered to his name, links WhatsApp to WeChat, so that link is cut first; "
         "WhatsApp's chats are end-to-end encrypted, but their backup in his Google account is not until he "
         "turns that on; then the apps that upload his address book.",
}
