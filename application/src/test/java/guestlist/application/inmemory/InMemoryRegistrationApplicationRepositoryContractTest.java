package guestlist.application.inmemory;

import guestlist.application.port.out.contract.RegistrationApplicationRepositoryContractTest;
import guestlist.application.port.out.contract.StoreFixture;

class InMemoryRegistrationApplicationRepositoryContractTest extends RegistrationApplicationRepositoryContractTest {

    private final StoreFixture store = new InMemoryStore();

    @Override
    protected StoreFixture store() {
        return store;
    }
}
