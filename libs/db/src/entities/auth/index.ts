import { AccountToken } from './account-token.entity';
import { Account } from './account.entity';
import { OAuthState } from './oauth-state.entity';
import { Session } from './session.entity';
import { Share } from './share.entity';

export * from './account-token.entity';
export * from './account.entity';
export * from './oauth-state.entity';
export * from './session.entity';
export * from './share.entity';

export const AUTH_ENTITIES = [Account, AccountToken, OAuthState, Session, Share];
