package guestlist.application.port.out;

/** Whether the store answers right now. */
public interface StorageHealth {

    boolean reachable();
}
