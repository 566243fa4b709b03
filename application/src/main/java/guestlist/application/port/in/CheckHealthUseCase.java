package guestlist.application.port.in;

/** Whether the server can do its work: the database answers. */
public interface CheckHealthUseCase {

    boolean databaseReachable();
}
