// Every password input of the app. The show/hide eye stays out of the Tab
// order, so Tab goes field to field and Enter submits the form; the eye
// answers the mouse, and Alt+V while the field has focus. The text is hidden
// again when the field loses focus: a password must not stay in clear on a
// counter screen.
import { useState, type KeyboardEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { Input, Tooltip, type InputProps, type InputRef } from 'antd';

/** The eye's own key, named on screen in its tooltip and label. */
export const SHOW_PASSWORD_KEY = 'Alt+V';

function isShowPasswordKey(e: KeyboardEvent): boolean {
  return e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && e.code === 'KeyV';
}

type PasswordFieldProps = Omit<InputProps, 'type' | 'suffix'> & { ref?: Ref<InputRef>; 'data-testid'?: string };

export function PasswordField({ ref, onKeyDown, onBlur, ...props }: PasswordFieldProps) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(false);
  const toggle = (): void => setVisible((shown) => !shown);
  const label = t(visible ? 'auth.hidePassword' : 'auth.showPassword', { key: SHOW_PASSWORD_KEY });
  const testId = props['data-testid'];

  return (
    <Input
      {...props}
      ref={ref}
      type={visible ? 'text' : 'password'}
      onKeyDown={(e) => {
        if (isShowPasswordKey(e)) {
          e.preventDefault();
          toggle();
        }
        onKeyDown?.(e);
      }}
      onBlur={(e) => {
        setVisible(false);
        onBlur?.(e);
      }}
      suffix={
        <Tooltip title={label}>
          <span
            role="button"
            tabIndex={-1}
            aria-label={label}
            aria-pressed={visible}
            aria-keyshortcuts={SHOW_PASSWORD_KEY}
            // The field keeps its focus and caret when the eye is clicked.
            onMouseDown={(e) => e.preventDefault()}
            onClick={toggle}
            style={{ cursor: 'pointer', color: 'rgba(0, 0, 0, 0.45)' }}
            data-testid={testId && `${testId}-eye`}
          >
            {visible ? <EyeOutlined /> : <EyeInvisibleOutlined />}
          </span>
        </Tooltip>
      }
    />
  );
}
