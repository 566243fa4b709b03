package guestlist.adapters.rest.archfixture;

import guestlist.adapters.postgres.PostgresPersistence;
import javax.sql.DataSource;

/** A deliberately bad class: the REST adapter building the PostgreSQL one. Only the architecture test uses it. */
public final class RestAdapterReachingIntoPostgres {

    public Object persistence(DataSource dataSource) {
        return new PostgresPersistence(dataSource);
    }
}
