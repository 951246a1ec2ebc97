// What tests/support/global-setup.ts prepared for the whole run (the services' addresses and the
// template database), handed to each Jest worker through the environment.
const names = {
  adminDatabaseUrl: "MASH_TEST_ADMIN_DATABASE_URL",
  templateDatabase: "MASH_TEST_TEMPLATE_DATABASE",
  kafkaBrokers: "MASH_TEST_KAFKA_BROKERS",
  runId: "MASH_TEST_RUN_ID",
} as const;

export type Provided = keyof typeof names;

export function provide(name: Provided, value: string): void {
  process.env[names[name]] = value;
}

export function inject(name: Provided): string {
  const value = process.env[names[name]];
  if (!value)
    throw new Error(
      `${names[name]} is not set: integration tests run under the Jest project "integration"`,
    );
  return value;
}
