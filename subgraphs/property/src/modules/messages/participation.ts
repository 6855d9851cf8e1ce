// Who takes part in a conversation: the one check every message and conversation operation
// starts from (a conversation is visible only to its active participants).
import type { Conversation, ConversationParticipant } from "@ppt/db/client";
import { AppError, requirePermission } from "@ppt/server-kit";
import type { PropertyContext } from "../../context.ts";

/** The caller's active participation in a conversation, or null (not a participant, or gone). */
export async function participationOf(ctx: PropertyContext, conversationId: string): Promise<ConversationParticipant | null> {
  return ctx.loaders.myParticipation.load(conversationId);
}

/** The conversation if the caller may read it (`messages:read` + participant); NOT_FOUND otherwise. */
export async function requireConversation(
  ctx: PropertyContext,
  conversationId: string,
  permission: "messages:read" | "messages:write" = "messages:read",
): Promise<Conversation> {
  requirePermission(ctx.caller, permission);
  const [conversation, participation] = await Promise.all([ctx.loaders.conversation.load(conversationId), participationOf(ctx, conversationId)]);
  if (!conversation || !participation) throw AppError.notFound("Conversation");
  return conversation;
}
