// What seals the device's master key: the line in Settings, and the desktop
// app's refusal to start without a keyring unless an administrator accepts it.
import { defineMessages } from '../define.ts';

export const keyStoreMessages = defineMessages(
  {
    title: '密钥存储',
    hint: '本机个人信息的加密主密钥由此保护。',
    kinds: {
      os_keychain: '操作系统密钥环（{{backend}}）',
      weak_accepted: '较弱的密钥存储（{{backend}}，无密钥环），管理员于 {{at}} 确认接受。请尽快安装密钥环。',
      key_file: '数据目录中的密钥文件（浏览器模式，仅供开发和测试）',
    },
    refused: {
      title: '无法保护本机的个人信息',
      keyring_missing:
        '本机没有可用的系统密钥环，主密钥只能以近乎明文的方式保存，因此本应用不能启动。请安装并启用密钥环（GNOME 桌面安装 gnome-keyring，KDE 桌面安装 KWallet），然后重新启动。确需在没有密钥环的情况下使用时，管理员可加参数 {{flag}} 启动一次并确认，此决定将记入审计日志。',
      encryption_unavailable:
        '操作系统的加密服务不可用（Windows 的 DPAPI、macOS 的钥匙串或 Linux 的密钥环），无法保护本机的个人信息，因此本应用不能启动。请安装或修复密钥环（如 gnome-keyring 或 KWallet）后重新启动。',
    },
    accept: {
      title: '接受较弱的密钥存储？',
      message:
        '本机没有系统密钥环（{{backend}}）。接受后，主密钥只以较弱的方式保存在数据目录中，取得该目录的人可能读取其中的个人信息。此决定应由管理员作出，将记入审计日志并显示在“设置”中。',
      confirm: '接受并继续',
      quit: '退出',
    },
  },
  {
    'zh-TW': {
      title: '金鑰儲存',
      hint: '本機個人資料的加密主金鑰由此保護。',
      kinds: {
        os_keychain: '作業系統金鑰圈（{{backend}}）',
        weak_accepted: '較弱的金鑰儲存（{{backend}}，無金鑰圈），管理員於 {{at}} 確認接受。請儘快安裝金鑰圈。',
        key_file: '資料目錄中的金鑰檔案（瀏覽器模式，僅供開發與測試）',
      },
      refused: {
        title: '無法保護本機的個人資料',
        keyring_missing:
          '本機沒有可用的系統金鑰圈，主金鑰只能以近乎明文的方式保存，因此本應用程式不能啟動。請安裝並啟用金鑰圈（GNOME 桌面安裝 gnome-keyring，KDE 桌面安裝 KWallet），然後重新啟動。確需在沒有金鑰圈的情況下使用時，管理員可加參數 {{flag}} 啟動一次並確認，此決定將記入稽核日誌。',
        encryption_unavailable:
          '作業系統的加密服務不可用（Windows 的 DPAPI、macOS 的鑰匙圈或 Linux 的金鑰圈），無法保護本機的個人資料，因此本應用程式不能啟動。請安裝或修復金鑰圈（如 gnome-keyring 或 KWallet）後重新啟動。',
      },
      accept: {
        title: '接受較弱的金鑰儲存？',
        message:
          '本機沒有系統金鑰圈（{{backend}}）。接受後，主金鑰只以較弱的方式保存在資料目錄中，取得該目錄的人可能讀取其中的個人資料。此決定應由管理員作出，將記入稽核日誌並顯示在「設定」中。',
        confirm: '接受並繼續',
        quit: '結束',
      },
    },
    en: {
      title: 'Key store',
      hint: 'What protects the master key that encrypts the personal data on this device.',
      kinds: {
        os_keychain: 'The operating system’s keyring ({{backend}})',
        weak_accepted:
          'A weaker key store ({{backend}}, no keyring), accepted by an administrator on {{at}}. Install a keyring soon.',
        key_file: 'A key file in the data folder (browser mode, for development and tests only)',
      },
      refused: {
        title: 'The personal data on this device cannot be protected',
        keyring_missing:
          'This computer has no system keyring, so the master key could only be kept almost in plain text, and the app does not start. Install and enable a keyring (gnome-keyring on GNOME, KWallet on KDE), then start the app again. Where it must run without a keyring, an administrator starts it once with {{flag}} and confirms; the decision is recorded in the audit log.',
        encryption_unavailable:
          'The operating system’s encryption (DPAPI on Windows, the Keychain on macOS, a keyring on Linux) is not available, so the personal data on this device cannot be protected, and the app does not start. Install or repair a keyring (such as gnome-keyring or KWallet), then start the app again.',
      },
      accept: {
        title: 'Accept a weaker key store?',
        message:
          'This computer has no system keyring ({{backend}}). If you accept, the master key is kept only weakly protected in the data folder, and whoever obtains that folder may read the personal data in it. This is an administrator’s decision; it is recorded in the audit log and shown in Settings.',
        confirm: 'Accept and continue',
        quit: 'Quit',
      },
    },
  },
);
