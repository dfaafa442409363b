// Backup and restore under Settings, the first screen's restore on a new PC,
// and the banner shown when sync stopped because this device's data is older
// than what a server saw from it.
import { defineMessages } from '../define.ts';

export const backupMessages = defineMessages(
  {
    title: '备份与恢复',
    intro:
      '备份包括数据库、扫描件和供新电脑使用的密钥，以恢复口令加密。请把备份保存在U盘或其他电脑之外的位置，并妥善保管恢复口令。',
    folder: '备份文件夹（完整路径，U盘也可）',
    passphrase: '恢复口令',
    passphraseHint: '至少 12 个字符。丢失口令将无法恢复备份。留空则沿用已设置的口令。',
    daily: '每天自动备份',
    save: '保存设置',
    saved: '备份设置已保存。',
    runNow: '立即备份',
    running: '正在备份：{{done}} / {{total}}',
    restoring: '正在校验并恢复：{{done}} / {{total}}',
    done: '备份完成：{{path}}',
    lastSuccess: '上次成功备份：{{at}}',
    never: '尚未成功备份。',
    lastFailure: '上次备份失败（{{at}}）：{{reason}}',
    notConfigured: '尚未设置备份文件夹和恢复口令。',
    restoreTitle: '从备份恢复',
    restoreIntro:
      '恢复前会逐一校验备份中每个文件的哈希和数据库的哈希链，校验不通过不会使用。恢复后本设备会向交换服务器声明已从备份恢复，并取回备份之后的事件。',
    restoreFolder: '备份所在文件夹（tongban-backup-…）',
    restore: '校验并恢复',
    restoreConfirm: '恢复会用备份替换本设备当前的数据，并重新启动后台。确定恢复吗？',
    restarting: '备份已通过校验，正在重新启动并切换到恢复的数据……',
    recoveryPending: '本设备已从 {{at}} 的备份恢复，正在向交换服务器声明恢复并取回备份之后的事件。',
    setupRestore: '新电脑？从备份恢复',
    setupRestoreIntro: '如果这是替换旧电脑的新电脑，可以直接从旧电脑的备份恢复，无需重新设置。',
    rollback: {
      title: '已停止与“{{remote}}”同步：本机数据比服务器记录的旧',
      body: '交换服务器收到过本设备的 {{missing}} 条事件，本机现在没有（服务器记录本设备共 {{seen}} 条，本机 {{reported}} 条）。这通常是把数据文件夹换回了旧的副本。为避免覆盖或丢失记录，已停止与该服务器同步。',
      closes:
        '交换服务器保存着本设备 {{days}} 的日结锚点，本机却没有这些日结：本机数据是旧的副本，已停止与该服务器同步。',
      daySeparator: '、',
      action: '请在“设置 → 备份与恢复”中从最新的备份恢复；恢复后本设备会向服务器声明恢复并取回缺少的事件。',
      detectedAt: '发现时间：{{at}}',
      recover: '从交换服务器取回',
      recoverConfirm:
        '将把本机当前数据声明为一次恢复（记入审计日志），并从交换服务器取回本机缺少的事件。服务器从未收到的事件无法取回。继续吗？',
    },
  },
  {
    'zh-TW': {
      title: '備份與復原',
      intro:
        '備份包括資料庫、掃描檔和供新電腦使用的金鑰，以復原口令加密。請把備份保存在隨身碟或其他電腦之外的位置，並妥善保管復原口令。',
      folder: '備份資料夾（完整路徑，隨身碟亦可）',
      passphrase: '復原口令',
      passphraseHint: '至少 12 個字元。遺失口令將無法復原備份。留空則沿用已設定的口令。',
      daily: '每天自動備份',
      save: '儲存設定',
      saved: '備份設定已儲存。',
      runNow: '立即備份',
      running: '正在備份：{{done}} / {{total}}',
      restoring: '正在校驗並復原：{{done}} / {{total}}',
      done: '備份完成：{{path}}',
      lastSuccess: '上次成功備份：{{at}}',
      never: '尚未成功備份。',
      lastFailure: '上次備份失敗（{{at}}）：{{reason}}',
      notConfigured: '尚未設定備份資料夾和復原口令。',
      restoreTitle: '從備份復原',
      restoreIntro:
        '復原前會逐一校驗備份中每個檔案的雜湊和資料庫的雜湊鏈，校驗不通過不會使用。復原後本裝置會向交換伺服器聲明已從備份復原，並取回備份之後的事件。',
      restoreFolder: '備份所在資料夾（tongban-backup-…）',
      restore: '校驗並復原',
      restoreConfirm: '復原會用備份取代本裝置目前的資料，並重新啟動後台。確定復原嗎？',
      restarting: '備份已通過校驗，正在重新啟動並切換到復原的資料……',
      recoveryPending: '本裝置已從 {{at}} 的備份復原，正在向交換伺服器聲明復原並取回備份之後的事件。',
      setupRestore: '新電腦？從備份復原',
      setupRestoreIntro: '如果這是取代舊電腦的新電腦，可以直接從舊電腦的備份復原，無需重新設定。',
      rollback: {
        title: '已停止與「{{remote}}」同步：本機資料比伺服器記錄的舊',
        body: '交換伺服器收到過本裝置的 {{missing}} 條事件，本機現在沒有（伺服器記錄本裝置共 {{seen}} 條，本機 {{reported}} 條）。這通常是把資料夾換回了舊的副本。為避免覆蓋或遺失紀錄，已停止與該伺服器同步。',
        closes:
          '交換伺服器保存著本裝置 {{days}} 的日結錨點，本機卻沒有這些日結：本機資料是舊的副本，已停止與該伺服器同步。',
        daySeparator: '、',
        action: '請在「設定 → 備份與復原」中從最新的備份復原；復原後本裝置會向伺服器聲明復原並取回缺少的事件。',
        detectedAt: '發現時間：{{at}}',
        recover: '從交換伺服器取回',
        recoverConfirm:
          '將把本機目前資料聲明為一次復原（記入稽核紀錄），並從交換伺服器取回本機缺少的事件。伺服器從未收到的事件無法取回。繼續嗎？',
      },
    },
    en: {
      title: 'Backup and restore',
      intro:
        'A backup holds the database, the scans and the keys a new PC needs, encrypted with the recovery passphrase. Keep backups off this PC (a USB disk will do) and keep the passphrase safe.',
      folder: 'Backup folder (full path; a USB disk will do)',
      passphrase: 'Recovery passphrase',
      passphraseHint:
        'At least 12 characters. Without it a backup cannot be restored. Leave empty to keep the one already set.',
      daily: 'Back up every day',
      save: 'Save settings',
      saved: 'Backup settings saved.',
      runNow: 'Back up now',
      running: 'Backing up: {{done}} of {{total}}',
      restoring: 'Checking and restoring: {{done}} of {{total}}',
      done: 'Backup made: {{path}}',
      lastSuccess: 'Last successful backup: {{at}}',
      never: 'No backup has succeeded yet.',
      lastFailure: 'The last backup failed ({{at}}): {{reason}}',
      notConfigured: 'No backup folder and recovery passphrase are set yet.',
      restoreTitle: 'Restore from a backup',
      restoreIntro:
        'Every file of the backup is checked against its hash, and the database against its hash chains, before anything is used. After the restore this device tells its exchange servers it was restored and takes back the events made since the backup.',
      restoreFolder: 'Folder of the backup (tongban-backup-…)',
      restore: 'Check and restore',
      restoreConfirm: "Restoring replaces this device's data with the backup and restarts the backend. Restore?",
      restarting: 'The backup passed every check. Restarting on the restored data…',
      recoveryPending:
        'This device was restored from the backup of {{at}}; it is telling its exchange servers and taking back the events made since.',
      setupRestore: 'A new PC? Restore from a backup',
      setupRestoreIntro:
        "If this PC replaces an old one, restore the old one's backup instead of setting the device up again.",
      rollback: {
        title: 'Sync with “{{remote}}” stopped: this device holds older data than the server saw',
        body: 'The exchange server received {{missing}} events from this device that it no longer holds (the server saw {{seen}} events from it; it holds {{reported}}). This usually means an older copy of the data folder was put back. Sync with that server has stopped so that nothing is overwritten or lost.',
        closes:
          'The exchange server holds this device’s anchored day closes for {{days}}, which this copy lacks: it is an older copy, and sync with that server has stopped.',
        daySeparator: ', ',
        action:
          'Restore the latest backup under Settings → Backup and restore; the device then tells the server and takes back the missing events.',
        detectedAt: 'Noticed at {{at}}',
        recover: 'Take back from the servers',
        recoverConfirm:
          "This device's data will be announced as a recovery (written to the audit log) and the missing events taken back from the exchange servers. Events no server received cannot come back. Go on?",
      },
    },
  },
);
