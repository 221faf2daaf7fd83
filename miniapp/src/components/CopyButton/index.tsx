import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text } from '@tarojs/components';
import { zh } from '../../i18n/zh-CN';
import { Button } from '../Button';

/** How long the button says 已复制 after a copy. */
const COPIED_MS = 2000;

/**
 * Copies `text` to the clipboard (Taro's setClipboardData: WeChat's own, a copy command in H5; both
 * also show a toast), and says 已复制 for a moment. `id` for tests; its text has `data-copied` while it says so.
 */
export function CopyButton({ text, id, className }: { text: string; id: string; className?: string }) {
  const [copied, setCopied] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);
  const copy = () =>
    Taro.setClipboardData({ data: text }).then(
      () => {
        setCopied(true);
        clearTimeout(timer.current);
        timer.current = setTimeout(() => setCopied(false), COPIED_MS);
      },
      () => undefined, // nothing was copied: the button keeps offering it
    );
  return (
    <Button id={id} variant="secondary" small className={className} onClick={() => void copy()}>
      <Text data-copied={copied}>{copied ? zh.complaint.copied : zh.complaint.copy}</Text>
    </Button>
  );
}
