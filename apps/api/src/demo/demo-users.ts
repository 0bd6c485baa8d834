import type { Role } from "@pitchside/shared";

/** Demo sign-ins: printed at start and named in the README. Demo mode only. */
export const demoUsers: {
  email: string;
  name: string;
  role: Role;
  password: string;
  team?: string;
  /** The UI language the user chose; the Japanese rep works in Japanese whatever the browser says. */
  locale?: string;
}[] = [
  { email: "admin@demo.pitchside.dev", name: "Alex Admin", role: "admin", password: "pitchside-admin-demo" },
  {
    email: "marketer@demo.pitchside.dev",
    name: "Mia Marketer",
    role: "marketer",
    password: "pitchside-marketer-demo",
  },
  {
    email: "rep@demo.pitchside.dev",
    name: "Riley Rep",
    role: "rep",
    password: "pitchside-rep-demo",
    team: "Enterprise",
  },
  {
    email: "tanaka@demo.pitchside.dev",
    name: "田中 美咲",
    role: "rep",
    password: "pitchside-tanaka-demo",
    team: "Japan",
    locale: "ja",
  },
];

export const demoTeams = ["Enterprise", "Mid-Market", "Japan"];
