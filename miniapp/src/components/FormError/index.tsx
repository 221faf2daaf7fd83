import { Text } from '@tarojs/components';
import { userMessageOf } from '../../api/client';

/**
 * A failed request's message, above the button that sent it (`id` for tests; the look is app.scss's
 * `form-error`); nothing while there is no failure. `wording` rewords codes for this form (see userMessageOf).
 */
export function FormError({
  error,
  id,
  className,
  wording,
}: {
  error: unknown;
  id: string;
  className?: string;
  wording?: Parameters<typeof userMessageOf>[1];
}) {
  if (error === undefined) return null;
  return (
    <Text className={className ? `form-error ${className}` : 'form-error'} id={id}>
      {userMessageOf(error, wording)}
    </Text>
  );
}
