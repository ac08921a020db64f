import { Session } from '../auth/session.entity';
import { User } from '../users/user.entity';

/** Every entity, for the migration CLI; Nest modules register their own with `TypeOrmModule.forFeature`. */
export const ENTITIES = [User, Session];
