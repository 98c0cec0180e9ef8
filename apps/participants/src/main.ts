import 'reflect-metadata';
import { ParticipantsModule } from '@kp/participants';
import { runMain } from '@kp/kernel';

// Distributed: the participants service alone, Kafka and PostgreSQL from the environment.
runMain('kp-participants', [{ name: 'participants', module: ParticipantsModule }], { KP_MODE: 'distributed' });
