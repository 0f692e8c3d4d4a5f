// The peer in the comparison: Qlik's own TypeScript client (@qlik/api) issuing impersonation tokens against the same
// emulated tenant, with the same concurrency as the module. Prints one JSON line of figures.
//
//   node bench.mjs bulk        <tenantUrl> <clientId> <clientSecret> <usersFile> <concurrency> <rounds> <warmupSeconds>
//   node bench.mjs ratelimited <tenantUrl> <clientId> <clientSecret> <usersFile> <concurrency>
//
// bulk: the best and the median of the rounds, in tokens a second (the machine is shared: the best round is the least
// disturbed), after warmupSeconds of the same rounds, unmeasured, as the module's part has them; and the CPU time this
// process spent per token over the rounds.
// ratelimited: one pass over the users; tokens issued, failures, seconds.
import { readFileSync } from "node:fs";
import { auth } from "@qlik/api";

const [mode, host, clientId, clientSecret, usersFile, concurrencyText, roundsText, warmupText] = process.argv.slice(2);
const users = JSON.parse(readFileSync(usersFile, "utf8"));
const concurrency = Number(concurrencyText);

// Each user's token, asked for by at most `concurrency` callers at a time; noCache as Qlik advises for servers.
async function issueAll() {
  let next = 0;
  let issued = 0;
  let failed = 0;
  async function worker() {
    while (next < users.length) {
      const userId = users[next++];
      try {
        const token = await auth.getAccessToken({
          hostConfig: { host, authType: "oauth2", clientId, clientSecret, userId, noCache: true },
        });
        if (typeof token === "string" && token.length > 0) issued++;
        else failed++;
      } catch {
        failed++;
      }
    }
  }
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { issued, failed, seconds: (performance.now() - started) / 1000 };
}

if (mode === "bulk") {
  const warmupEnds = performance.now() + Number(warmupText ?? 0) * 1000;
  while (performance.now() < warmupEnds) await issueAll();
  const rates = [];
  const cpuBefore = process.cpuUsage();
  for (let round = 0; round < Number(roundsText); round++) {
    const run = await issueAll();
    if (run.failed > 0) throw new Error(`bulk round ${round + 1}: ${run.failed} of ${users.length} tokens failed`);
    rates.push(users.length / run.seconds);
  }
  const cpu = process.cpuUsage(cpuBefore);
  const cpuUsPerToken = (cpu.user + cpu.system) / (rates.length * users.length);
  rates.sort((a, b) => a - b);
  const middle = Math.floor(rates.length / 2);
  const median = rates.length % 2 ? rates[middle] : (rates[middle - 1] + rates[middle]) / 2;
  console.log(JSON.stringify({ tokensPerSecond: rates[rates.length - 1], medianTokensPerSecond: median, cpuUsPerToken, users: users.length }));
} else if (mode === "ratelimited") {
  console.log(JSON.stringify(await issueAll()));
} else {
  throw new Error(`unknown mode '${mode}': use bulk or ratelimited`);
}
