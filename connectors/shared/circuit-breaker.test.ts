import { describe, expect, it } from "@jest/globals";
import { CircuitOpenError, createCircuitBreaker } from "./circuit-breaker.ts";

function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}
const fail = () => Promise.reject(new Error("agency down"));
const ok = () => Promise.resolve("answer");

describe("the circuit breaker", () => {
  it("stays closed below the failure threshold and lets every call through", async () => {
    const c = clock();
    const b = createCircuitBreaker({ failureThreshold: 3, openMs: 1000, now: c.now });
    await expect(b.run(fail)).rejects.toThrow("agency down");
    await expect(b.run(fail)).rejects.toThrow("agency down");
    expect(b.state()).toBe("CLOSED");
    await expect(b.run(ok)).resolves.toBe("answer");
  });

  it("opens at the threshold and then fails at once without calling", async () => {
    const c = clock();
    const b = createCircuitBreaker({ failureThreshold: 2, openMs: 1000, now: c.now });
    await b.run(fail).catch(() => undefined);
    await b.run(fail).catch(() => undefined);
    expect(b.state()).toBe("OPEN");
    let called = false;
    await expect(
      b.run(async () => {
        called = true;
      }),
    ).rejects.toBeInstanceOf(CircuitOpenError);
    expect(called).toBe(false);
  });

  it("counts only consecutive failures: a success in between resets the count", async () => {
    const b = createCircuitBreaker({ failureThreshold: 2, openMs: 1000, now: clock().now });
    await b.run(fail).catch(() => undefined);
    await b.run(ok);
    await b.run(fail).catch(() => undefined);
    expect(b.state()).toBe("CLOSED");
  });

  it("lets one trial call through once the open time has passed, and closes on success", async () => {
    const c = clock();
    const b = createCircuitBreaker({ failureThreshold: 1, openMs: 1000, now: c.now });
    await b.run(fail).catch(() => undefined);
    c.advance(999);
    expect(b.state()).toBe("OPEN");
    c.advance(1);
    expect(b.state()).toBe("HALF_OPEN");
    await expect(b.run(ok)).resolves.toBe("answer");
    expect(b.state()).toBe("CLOSED");
  });

  it("opens again at once when the trial call fails", async () => {
    const c = clock();
    const b = createCircuitBreaker({ failureThreshold: 3, openMs: 1000, now: c.now });
    for (let i = 0; i < 3; i++) await b.run(fail).catch(() => undefined);
    c.advance(1000);
    await b.run(fail).catch(() => undefined);
    expect(b.state()).toBe("OPEN");
  });

  it("lets only one trial call through at a time while half open", async () => {
    const c = clock();
    const b = createCircuitBreaker({ failureThreshold: 1, openMs: 10, now: c.now });
    await b.run(fail).catch(() => undefined);
    c.advance(10);
    let release: () => void = () => undefined;
    const trial = b.run(() => new Promise<string>((r) => (release = () => r("late"))));
    await expect(b.run(ok)).rejects.toBeInstanceOf(CircuitOpenError);
    release();
    await expect(trial).resolves.toBe("late");
    expect(b.state()).toBe("CLOSED");
  });
});
