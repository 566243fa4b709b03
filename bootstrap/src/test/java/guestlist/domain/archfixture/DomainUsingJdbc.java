package guestlist.domain.archfixture;

import java.sql.Connection;

/** A deliberately bad class: domain code that touches JDBC. Only the architecture test uses it. */
public final class DomainUsingJdbc {

    public boolean open(Connection connection) throws java.sql.SQLException {
        return !connection.isClosed();
    }
}
