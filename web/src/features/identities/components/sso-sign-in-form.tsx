import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { fieldErrorsOf } from '@/lib/api-client';
import { useStartSso } from '../api/start-sso';

/** Enterprise sign-in: the work email's domain picks the organisation's identity provider. */
export function SsoSignInForm({ next }: { next: string | null }) {
  const [email, setEmail] = useState('');
  const start = useStartSso();
  const fields = fieldErrorsOf(start.error);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    start.mutate({ email: email.trim(), ...(next && next !== '/' ? { next } : {}) });
  };
  return (
    <form className="flex min-w-0 flex-col gap-4" noValidate onSubmit={onSubmit}>
      <TextField
        label="Work email"
        type="email"
        name="sso-email"
        autoComplete="email"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        errors={fields.email}
      />
      <FormError error={start.error} shown={['email']} />
      <Button type="submit" variant="secondary" className="w-full" isLoading={start.isPending}>
        Sign in with SSO
      </Button>
    </form>
  );
}
