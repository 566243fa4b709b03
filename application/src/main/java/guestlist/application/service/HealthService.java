package guestlist.application.service;

import guestlist.application.port.in.CheckHealthUseCase;
import guestlist.application.port.out.StorageHealth;

public final class HealthService implements CheckHealthUseCase {

    private final StorageHealth storage;

    public HealthService(StorageHealth storage) {
        this.storage = storage;
    }

    @Override
    public boolean databaseReachable() {
        return storage.reachable();
    }
}
