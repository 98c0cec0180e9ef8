/** The service's name: its schema, its DataSource, its consumer group. */
export const PARTICIPANTS = 'participants';
