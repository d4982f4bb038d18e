import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { fieldErrorsOf } from '@/lib/api-client';
import { type LoginResponse, useLoginUser } from '../api/login-user';

export function LoginForm({ onSuccess }: { onSuccess: (result: LoginResponse) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useLoginUser({ onSuccess });
  const fields = fieldErrorsOf(login.error);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    login.mutate({ email: email.trim(), password });
  };

  // Validation is the API's job; the form shows its `fields` rather than duplicating the rules.
  return (
    <form className="flex min-w-0 flex-col gap-4" noValidate onSubmit={onSubmit}>
      <TextField
        label="Email"
        type="email"
        name="email"
        autoComplete="email"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        errors={fields.email}
      />
      <TextField
        label="Password"
        type="password"
        name="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        errors={fields.password}
      />
      <FormError error={login.error} shown={['email', 'password']} />
      <Button type="submit" className="w-full" isLoading={login.isPending}>
        Log in
      </Button>
    </form>
  );
}
