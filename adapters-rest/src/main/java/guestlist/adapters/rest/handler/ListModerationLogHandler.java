package guestlist.adapters.rest.handler;

import guestlist.adapters.rest.http.ApiHandler;
import guestlist.adapters.rest.http.ApiRequest;
import guestlist.adapters.rest.http.QueryParameters;
import guestlist.adapters.rest.json.ModerationLogEntryJson;
import guestlist.adapters.rest.json.PageCursor;
import guestlist.adapters.rest.json.PagedResponse;
import guestlist.application.port.in.ListModerationLogQuery;
import guestlist.application.port.in.ListModerationLogUseCase;
import guestlist.domain.account.LocalUser;
import guestlist.domain.paging.PageSize;

/** {@code GET /admin/invite/log?limit=&page_cursor=} (admin): the moderation log, newest first. */
public final class ListModerationLogHandler implements ApiHandler {

    private final ListModerationLogUseCase listModerationLog;

    public ListModerationLogHandler(ListModerationLogUseCase listModerationLog) {
        this.listModerationLog = listModerationLog;
    }

    @Override
    public PagedResponse<ModerationLogEntryJson> handle(ApiRequest request) {
        LocalUser actor = request.actor();
        QueryParameters query = request.query();
        ListModerationLogQuery listing = new ListModerationLogQuery(
                actor,
                PageSize.of(query.limit()),
                query.optional("page_cursor")
                        .map(cursor -> PageCursor.decode(PageCursor.Listing.MODERATION_LOG, cursor)
                                .position()));
        return PagedResponse.from(
                listModerationLog.listModerationLog(listing),
                PageCursor.Listing.MODERATION_LOG,
                ModerationLogEntryJson::from);
    }
}
