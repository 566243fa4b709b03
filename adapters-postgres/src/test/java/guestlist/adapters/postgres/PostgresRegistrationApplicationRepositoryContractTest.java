package guestlist.adapters.postgres;

import guestlist.application.port.out.contract.RegistrationApplicationRepositoryContractTest;
import guestlist.application.port.out.contract.StoreFixture;

class PostgresRegistrationApplicationRepositoryContractTest extends RegistrationApplicationRepositoryContractTest {

    private final StoreFixture store = new PostgresStoreFixture();

    @Override
    protected StoreFixture store() {
        return store;
    }
}
