package guestlist.application.port.in;

import guestlist.domain.paging.Page;

/** Admins read the moderation log, newest first, one page at a time. */
public interface ListModerationLogUseCase {

    Page<ModerationLogLine> listModerationLog(ListModerationLogQuery query);
}
