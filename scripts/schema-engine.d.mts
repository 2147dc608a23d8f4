export function diffToSchema(args: {
  provider: "sqlite" | "postgres";
  url: string;
  schemaText: string;
  fromEmpty?: boolean;
}): Promise<string>;
