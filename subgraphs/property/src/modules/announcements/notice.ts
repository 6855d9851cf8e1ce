// What the notification centre needs to announce an announcement: its title and audience scope.
import type { Tx } from "@ppt/server-kit";

export interface AnnouncementNotice {
  id: string;
  title: string;
  buildingId: string | null;
  entranceId: string | null;
  authorId: string;
}

export function announcementNotice(tx: Tx, announcementId: string): Promise<AnnouncementNotice | null> {
  return tx.announcement.findUnique({
    where: { id: announcementId },
    select: { id: true, title: true, buildingId: true, entranceId: true, authorId: true },
  });
}
