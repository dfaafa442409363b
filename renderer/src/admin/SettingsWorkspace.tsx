import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Tabs } from 'antd';
import { BackupTab } from '../backup/BackupTab.tsx';
import { useSession } from '../session/session.tsx';
import { AccountTab } from './AccountTab.tsx';
import { AuthoritiesTab } from './AuthoritiesTab.tsx';
import { CalendarTab } from './CalendarTab.tsx';
import { DeviceTab } from './DeviceTab.tsx';
import { IdCardReaderCard } from './IdCardReaderCard.tsx';
import { KeyStoreLine } from './KeyStoreLine.tsx';
import { PrivacySettingsCard } from './PrivacySettingsCard.tsx';
import { SignaturePadCard } from './SignaturePadCard.tsx';
import { SystemCard } from './SystemCard.tsx';
import { UsersTab } from './UsersTab.tsx';

export type SettingsTab = 'account' | 'users' | 'device' | 'backup' | 'calendar' | 'authorities';
type Tab = { key: SettingsTab; label: string; children: ReactNode };

/** initialTab: the tab a first step leads to; the first one otherwise. */
export function SettingsWorkspace({ initialTab }: { initialTab?: SettingsTab }) {
  const { t } = useTranslation();
  const { can } = useSession();
  // The backend refuses these calls anyway; hiding the tabs keeps the screen honest.
  const tabs = (
    [
      { key: 'account', label: t('admin.tabs.account'), children: <AccountTab /> },
      can('users.manage') && { key: 'users', label: t('admin.tabs.users'), children: <UsersTab /> },
      can('device.manage') && {
        key: 'device',
        label: t('admin.tabs.device'),
        children: (
          <>
            <DeviceTab />
            <SignaturePadCard />
            <IdCardReaderCard />
            <PrivacySettingsCard />
            <KeyStoreLine />
            <SystemCard />
          </>
        ),
      },
      can('device.manage') && { key: 'backup', label: t('backup.title'), children: <BackupTab /> },
      can('catalog.import') && { key: 'calendar', label: t('admin.tabs.calendar'), children: <CalendarTab /> },
      can('catalog.import') && {
        key: 'authorities',
        label: t('admin.authorities.tab'),
        children: <AuthoritiesTab />,
      },
    ] satisfies (Tab | false)[]
  ).filter((tab) => tab !== false);
  const opened = tabs.some((tab) => tab.key === initialTab) ? initialTab : undefined;

  return (
    <div data-testid="workspace-settings">
      <Tabs
        defaultActiveKey={opened}
        items={tabs.map((tab) => ({ ...tab, label: <span data-testid={`settings-tab-${tab.key}`}>{tab.label}</span> }))}
        destroyOnHidden
      />
    </div>
  );
}
