// planChannels: muted categories, security notices, quiet hours in the recipient's own time zone
// (crossing midnight, daylight saving changes, zones far from the server's).
import { describe, expect, it } from "vitest";
import { defaultPreferences, planChannels, quietHoursEnd, type RecipientPreferences } from "./plan-channels.ts";

const night: RecipientPreferences = { ...defaultPreferences, quietHours: { start: 22 * 60, end: 7 * 60 } };
const hm = (h: number, m = 0) => h * 60 + m;

describe("planChannels without quiet hours", () => {
  it("sends by the default channels: in-app, e-mail, push; SMS only when chosen", () => {
    expect(planChannels(defaultPreferences, "faults", new Date("2026-06-01T10:00:00Z"))).toEqual({ now: ["IN_APP", "EMAIL", "PUSH"], delayed: null });
    const sms = { ...defaultPreferences, channels: { faults: { SMS: true } } };
    expect(planChannels(sms, "faults", new Date("2026-06-01T10:00:00Z")).now).toEqual(["IN_APP", "EMAIL", "PUSH", "SMS"]);
  });

  it("a muted category's channels carry nothing, other categories are untouched", () => {
    const muted = { ...defaultPreferences, channels: { faults: { IN_APP: false, EMAIL: false, PUSH: false } } };
    expect(planChannels(muted, "faults", new Date())).toEqual({ now: [], delayed: null });
    expect(planChannels(muted, "voting", new Date()).now).toEqual(["IN_APP", "EMAIL", "PUSH"]);
  });

  it("security notices cannot be muted, only extended", () => {
    const mutedAll = { ...defaultPreferences, channels: { security: { IN_APP: false, EMAIL: false, PUSH: false, SMS: true } } };
    expect(planChannels(mutedAll, "security", new Date()).now).toEqual(["IN_APP", "EMAIL", "PUSH", "SMS"]);
  });
});

describe("planChannels in quiet hours", () => {
  it("holds push and SMS until the quiet hours end in the recipient's zone; in-app and e-mail go now", () => {
    const prefs = { ...night, channels: { faults: { SMS: true } } };
    // 23:30 in Bratislava (CEST, UTC+2) is 21:30 UTC; the quiet hours end at 07:00 CEST = 05:00 UTC.
    const plan = planChannels(prefs, "faults", new Date("2026-06-01T21:30:00Z"));
    expect(plan.now).toEqual(["IN_APP", "EMAIL"]);
    expect(plan.delayed).toEqual({ channels: ["PUSH", "SMS"], until: new Date("2026-06-02T05:00:00Z") });
  });

  it("after midnight the end is the same local day", () => {
    // 03:00 CET (winter, UTC+1) = 02:00 UTC.
    expect(planChannels(night, "voting", new Date("2026-01-15T02:00:00Z")).delayed?.until).toEqual(new Date("2026-01-15T06:00:00Z"));
  });

  it("outside the quiet hours nothing waits", () => {
    expect(planChannels(night, "voting", new Date("2026-01-15T12:00:00Z"))).toEqual({ now: ["IN_APP", "EMAIL", "PUSH"], delayed: null });
    // 07:00 local exactly: the quiet hours are over.
    expect(planChannels(night, "voting", new Date("2026-01-15T06:00:00Z")).delayed).toBeNull();
    // 21:59 local: not yet.
    expect(planChannels(night, "voting", new Date("2026-01-15T20:59:00Z")).delayed).toBeNull();
  });

  it("security notices ignore quiet hours", () => {
    const prefs = { ...night, channels: { security: { SMS: true } } };
    expect(planChannels(prefs, "security", new Date("2026-06-01T21:30:00Z"))).toEqual({ now: ["IN_APP", "EMAIL", "PUSH", "SMS"], delayed: null });
  });

  it("a muted intrusive channel is not delayed either", () => {
    const prefs = { ...night, channels: { faults: { PUSH: false } } };
    expect(planChannels(prefs, "faults", new Date("2026-06-01T21:30:00Z"))).toEqual({ now: ["IN_APP", "EMAIL"], delayed: null });
  });

  it("reads the wall clock of the recipient's zone, not the server's", () => {
    const tokyo = { ...night, timeZone: "Asia/Tokyo" };
    // 14:00 UTC = 23:00 in Tokyo (UTC+9, no DST): quiet until 07:00 JST = 22:00 UTC.
    expect(planChannels(tokyo, "faults", new Date("2026-06-01T14:00:00Z")).delayed?.until).toEqual(new Date("2026-06-01T22:00:00Z"));
    // The same instant is 16:00 in Bratislava: not quiet there.
    expect(planChannels(night, "faults", new Date("2026-06-01T14:00:00Z")).delayed).toBeNull();
    const newYork = { ...night, timeZone: "America/New_York" };
    // 03:00 UTC = 23:00 EDT: until 07:00 EDT = 11:00 UTC.
    expect(planChannels(newYork, "faults", new Date("2026-06-01T03:00:00Z")).delayed?.until).toEqual(new Date("2026-06-01T11:00:00Z"));
  });
});

describe("quietHoursEnd across daylight saving changes", () => {
  it("the night the clocks go forward (Europe, 29 March 2026: 02:00 → 03:00) ends at 07:00 CEST", () => {
    // 23:00 CET on 28 March = 22:00 UTC; 07:00 CEST on 29 March = 05:00 UTC (only 7 hours later).
    expect(quietHoursEnd({ start: hm(22), end: hm(7) }, "Europe/Bratislava", new Date("2026-03-28T22:00:00Z"))).toEqual(new Date("2026-03-29T05:00:00Z"));
  });

  it("the night the clocks go back (25 October 2026: 03:00 → 02:00) ends at 07:00 CET", () => {
    // 23:00 CEST on 24 October = 21:00 UTC; 07:00 CET on 25 October = 06:00 UTC.
    expect(quietHoursEnd({ start: hm(22), end: hm(7) }, "Europe/Bratislava", new Date("2026-10-24T21:00:00Z"))).toEqual(new Date("2026-10-25T06:00:00Z"));
  });

  it("an end inside the spring-forward gap falls just after it", () => {
    // Quiet 01:00–02:30 local; 02:30 does not exist on 29 March: the end is 03:30 CEST = 01:30 UTC at the latest.
    const end = quietHoursEnd({ start: hm(1), end: hm(2, 30) }, "Europe/Bratislava", new Date("2026-03-29T00:15:00Z"))!;
    expect(end.getTime()).toBeGreaterThan(new Date("2026-03-29T00:15:00Z").getTime());
    expect(end.getTime()).toBeLessThanOrEqual(new Date("2026-03-29T01:30:00Z").getTime());
  });

  it("daytime quiet hours (not crossing midnight) and an empty window", () => {
    // 13:00–15:00 local; 13:30 CEST = 11:30 UTC → 15:00 CEST = 13:00 UTC.
    expect(quietHoursEnd({ start: hm(13), end: hm(15) }, "Europe/Bratislava", new Date("2026-06-01T11:30:00Z"))).toEqual(new Date("2026-06-01T13:00:00Z"));
    expect(quietHoursEnd({ start: hm(13), end: hm(13) }, "Europe/Bratislava", new Date("2026-06-01T11:30:00Z"))).toBeNull();
  });
});
