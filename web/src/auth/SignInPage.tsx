// Sign in / sign up with Amplify's Authenticator (loaded only on this page: it is the app's largest part).
// Locally cognito-local has no SRP, so sign-in and the auto sign-in after sign-up use USER_PASSWORD_AUTH.
import { useEffect } from 'react';
import { Authenticator } from '@aws-amplify/ui-react';
import { signIn, signUp, type SignInInput, type SignUpInput } from 'aws-amplify/auth';
import '@aws-amplify/ui-react/styles.css';
import type { AuthFlowType } from '../config';
import { navigate } from '../router';

function Done({ next }: { next: string }) {
  useEffect(() => navigate(next), [next]);
  return <p>Signed in. Taking you back…</p>;
}

export default function SignInPage({ authFlowType, next }: { authFlowType: AuthFlowType; next: string }) {
  // (cast: the services' declared types are signIn/signUp's overloads, which a plain wrapper cannot spell)
  const services = {
    handleSignIn: ((input: SignInInput) => signIn({ ...input, options: { ...input.options, authFlowType } })) as typeof signIn,
    handleSignUp: ((input: SignUpInput) =>
      signUp({
        ...input,
        options: { ...input.options, userAttributes: input.options?.userAttributes ?? {}, autoSignIn: { authFlowType } },
      })) as typeof signUp,
  };
  return (
    <main className="page signin" aria-labelledby="signin-title">
      <h1 id="signin-title" className="visually-hidden">
        Sign in
      </h1>
      <Authenticator loginMechanisms={['email']} services={services}>
        {() => <Done next={next} />}
      </Authenticator>
    </main>
  );
}
