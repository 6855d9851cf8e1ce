// Members as people other records point to: read by the organizations module (it owns memberships).
export { isActiveMember, memberById, type MemberView } from "../organizations/index.ts";
