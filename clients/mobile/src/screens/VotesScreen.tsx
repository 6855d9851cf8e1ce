// The votes of my buildings, and one vote: its tally kept live over graphql-ws while it can change,
// and a ballot for each of my units that may still vote. A ballot needs a connection (castBallot
// takes no idempotency key, so it is never queued on the device).
import { useSubscription } from "@apollo/client/react";
import {
  getFragmentData,
  MyVotes,
  ResidentCastBallot,
  ResidentVote,
  ResidentVoteLiveFields,
  ResidentVoteTallyFields,
  ResidentVoteTallyUpdated,
  type ResidentVoteLiveFragment,
  type ResidentVoteQuery,
} from "@ppt/client-shared/operations";
import { errorCode } from "@ppt/client-shared/refusal";
import { useState } from "react";
import { Pressable, Text, View } from "react-native";
import { useApp } from "../AppContext.tsx";
import { useCachedQuery } from "../offline/cached-query.ts";
import { isLaterTally } from "../offline/tally-version.ts";
import { Button, Notice, styles } from "../ui.tsx";

const percent = (fraction: { decimal: string } | null | undefined) => (fraction ? `${(Number(fraction.decimal) * 100).toFixed(1)} %` : "—");
const words = (value: string) => value.replaceAll("_", " ").toLowerCase();

export function VotesScreen() {
  const [open, setOpen] = useState<string | null>(null);
  return open ? <VoteDetail id={open} onBack={() => setOpen(null)} /> : <VoteList onOpen={setOpen} />;
}

function VoteList({ onOpen }: { onOpen: (id: string) => void }) {
  const query = useCachedQuery(MyVotes);
  const votes = query.data?.votes.edges.map((e) => e.node) ?? [];
  return (
    <View style={styles.screen}>
      <Text accessibilityRole="header" style={styles.title}>
        Votes
      </Text>
      <Text style={styles.muted} testID="votes-age">
        {query.age}
      </Text>
      {votes.length === 0 && <Text style={styles.muted}>No votes.</Text>}
      {votes.map((vote) => {
        const toCast = vote.status === "PUBLISHED" && vote.myVotingUnits.some((u) => !u.ballotCast);
        return (
          <Pressable key={vote.id} accessibilityRole="link" style={styles.row} onPress={() => onOpen(vote.id)}>
            <Text style={{ fontWeight: "600" }}>{vote.title}</Text>
            <Text style={styles.muted}>
              {[words(vote.status), vote.endsAt ? `ends ${new Date(vote.endsAt).toLocaleString()}` : null, toCast ? "your ballot is missing" : null]
                .filter(Boolean)
                .join(" · ")}
            </Text>
          </Pressable>
        );
      })}
    </View>
  );
}

type Vote = NonNullable<ResidentVoteQuery["vote"]>;

function VoteDetail({ id, onBack }: { id: string; onBack: () => void }) {
  const { online } = useApp();
  const query = useCachedQuery(ResidentVote, { id });
  const vote = query.data?.vote ?? null;
  const settled = vote?.status === "CLOSED" || vote?.status === "CANCELLED";
  useSubscription(ResidentVoteTallyUpdated, {
    variables: { voteId: id },
    skip: !online || !vote || settled,
    onData: ({ client, data }) => {
      const incoming = data.data ? getFragmentData(ResidentVoteTallyFields, data.data.voteTallyUpdated) : null;
      if (!incoming) return;
      const cacheId = client.cache.identify({ __typename: "Vote", id: incoming.voteId });
      const shown = client.cache.readFragment({ id: cacheId, fragment: ResidentVoteLiveFields, fragmentName: "ResidentVoteLive" });
      const shownVersion = shown ? getFragmentData(ResidentVoteTallyFields, shown.results).version : null;
      if (!isLaterTally(incoming.version, shownVersion)) return;
      const live: ResidentVoteLiveFragment = { __typename: "Vote", id: incoming.voteId, status: incoming.status, results: data.data!.voteTallyUpdated };
      client.cache.writeFragment({ id: cacheId, fragment: ResidentVoteLiveFields, fragmentName: "ResidentVoteLive", data: live });
    },
  });

  return (
    <View style={styles.screen}>
      <Button title="All votes" onPress={onBack} />
      {!vote ? (
        <Text style={styles.muted}>{query.loading ? "Loading…" : "This vote is not saved on this device."}</Text>
      ) : (
        <>
          <Text accessibilityRole="header" style={styles.title}>
            {vote.title}
          </Text>
          <Text style={styles.muted} testID="vote-age">
            {query.age}
          </Text>
          {vote.question && <Text style={{ fontWeight: "500" }}>{vote.question}</Text>}
          {vote.description && <Text>{vote.description}</Text>}
          <Text style={styles.muted}>{words(vote.status)}</Text>
          <Tally vote={vote} live={online && !settled} />
          <MyBallots vote={vote} />
          {vote.status === "PUBLISHED" && <BallotForm vote={vote} />}
        </>
      )}
    </View>
  );
}

function Tally({ vote, live }: { vote: Vote; live: boolean }) {
  const tally = getFragmentData(ResidentVoteTallyFields, vote.results);
  return (
    <View accessibilityLabel="Tally" testID="vote-tally">
      <Text accessibilityRole="header" style={styles.subtitle}>
        {live ? "Results ● live" : tally.final ? "Final results" : "Results"}
      </Text>
      {tally.options.map((result) => (
        <View key={result.option.id} style={styles.row} testID="tally-option">
          <Text style={{ fontWeight: result.carried ? "700" : "400" }}>{result.option.label}</Text>
          <Text>{`${result.ballotCount} ${result.ballotCount === 1 ? "ballot" : "ballots"} · ${percent(result.shareOfParticipating)} of the votes cast`}</Text>
          <View style={{ height: 6, backgroundColor: "#e5e7eb", borderRadius: 3 }}>
            <View
              style={{
                height: 6,
                borderRadius: 3,
                backgroundColor: "#1d4ed8",
                width: `${Math.min(100, Number(result.shareOfParticipating?.decimal ?? 0) * 100)}%`,
              }}
            />
          </View>
        </View>
      ))}
      <Text style={styles.muted}>
        {`${tally.participatingUnitCount} of ${tally.eligibleUnitCount} units voted · turnout ${percent(tally.turnout)} · ${tally.quorumReached ? "quorum reached" : "no quorum yet"} · ${words(tally.outcome)}`}
      </Text>
    </View>
  );
}

function MyBallots({ vote }: { vote: Vote }) {
  if (vote.myVotingUnits.length === 0) return <Text style={styles.muted}>None of your units votes in this vote.</Text>;
  return (
    <View>
      <Text accessibilityRole="header" style={styles.subtitle}>
        My units
      </Text>
      {vote.myVotingUnits.map((votingUnit) => {
        const ballot = vote.myBallots.find((b) => b.unit?.id === votingUnit.unit?.id);
        return (
          <Text key={votingUnit.unit?.id ?? "unit"} testID="my-ballot">
            {`Unit ${votingUnit.unit?.designation ?? "—"}: ${ballot ? `voted ${ballot.choices.map((c) => c.label).join(", ")}` : votingUnit.ballotCast ? "voted" : "not voted yet"}`}
          </Text>
        );
      })}
    </View>
  );
}

function BallotForm({ vote }: { vote: Vote }) {
  const { api, online } = useApp();
  const units = vote.myVotingUnits.filter((u) => u.unit && (!u.ballotCast || vote.allowBallotChange));
  const [unitId, setUnitId] = useState<string | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  if (units.length === 0) return null;
  const unit = units.find((u) => u.unit!.id === unitId) ?? units[0]!;
  const single = vote.choiceType === "SINGLE";
  const max = single ? 1 : (vote.maxChoices ?? vote.options.length);

  function toggle(optionId: string) {
    setSelected(single ? [optionId] : selected.includes(optionId) ? selected.filter((o) => o !== optionId) : [...selected, optionId]);
  }

  async function cast() {
    setBusy(true);
    setProblem(null);
    try {
      await api.client.mutate({ mutation: ResidentCastBallot, variables: { input: { voteId: vote.id, unitId: unit.unit!.id, optionIds: selected } } });
      setSelected([]);
    } catch (error) {
      const code = errorCode(error);
      setProblem(
        code === "CONFLICT"
          ? "This unit has voted already, or the vote is not open."
          : code === "NETWORK"
            ? "No connection: the ballot was not cast."
            : `The ballot was not accepted (${code}).`,
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <View style={{ gap: 8 }}>
      <Text accessibilityRole="header" style={styles.subtitle}>
        Ballot
      </Text>
      {units.length > 1 && (
        <View accessibilityRole="radiogroup" accessibilityLabel="Unit">
          {units.map((u) => (
            <Pressable key={u.unit!.id} accessibilityRole="radio" accessibilityState={{ checked: u === unit }} onPress={() => setUnitId(u.unit!.id)}>
              <Text>{`${u === unit ? "● " : "○ "}Unit ${u.unit!.designation ?? "—"}`}</Text>
            </Pressable>
          ))}
        </View>
      )}
      <View accessibilityRole={single ? "radiogroup" : undefined} accessibilityLabel="Choice">
        {vote.options.map((option) => (
          <Pressable
            key={option.id}
            accessibilityRole={single ? "radio" : "checkbox"}
            accessibilityState={{ checked: selected.includes(option.id) }}
            onPress={() => toggle(option.id)}
          >
            <Text style={{ paddingVertical: 6 }}>{`${selected.includes(option.id) ? (single ? "● " : "☑ ") : single ? "○ " : "☐ "}${option.label}`}</Text>
          </Pressable>
        ))}
      </View>
      {!online && <Notice tone="warn">Casting a ballot needs a connection: it is not saved on this device to be sent later.</Notice>}
      {problem && <Notice tone="error">{problem}</Notice>}
      <Button
        title={unit.ballotCast ? "Change my ballot" : "Cast my ballot"}
        onPress={() => void cast()}
        disabled={!online || busy || selected.length === 0 || selected.length > max}
      />
    </View>
  );
}
