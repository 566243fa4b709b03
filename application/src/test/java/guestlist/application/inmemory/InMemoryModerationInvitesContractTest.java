package guestlist.application.inmemory;

import guestlist.application.port.out.contract.ModerationInvitesContractTest;
import guestlist.application.port.out.contract.StoreFixture;

class InMemoryModerationInvitesContractTest extends ModerationInvitesContractTest {

    private final StoreFixture store = new InMemoryStore();

    @Override
    protected StoreFixture store() {
        return store;
    }
}
