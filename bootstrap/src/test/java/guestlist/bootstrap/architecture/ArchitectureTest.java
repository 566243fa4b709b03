package guestlist.bootstrap.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import guestlist.adapters.rest.archfixture.RestAdapterCountingWithMicrometer;
import guestlist.adapters.rest.archfixture.RestAdapterReachingIntoPostgres;
import guestlist.adapters.rest.archfixture.RestAdapterUsingAService;
import guestlist.application.archfixture.ApplicationUsingBootstrap;
import guestlist.application.archfixture.ApplicationUsingSpring;
import guestlist.application.port.archfixture.PortNamingAService;
import guestlist.domain.archfixture.DomainUsingApplication;
import guestlist.domain.archfixture.DomainUsingJdbc;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the real main classes of every module against the rules, and shows that each rule fails
 * on a deliberately bad class, so that no rule passes merely because it matched nothing.
 */
class ArchitectureTest {

    /** The main classes of every module. */
    private static JavaClasses production;
    /** The same, and the deliberately bad fixture classes of this test. */
    private static JavaClasses withFixtures;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
                .withImportOption(ArchitectureTest::isMainCode)
                .importPackages("guestlist");
        withFixtures = new ClassFileImporter()
                .withImportOption(location -> isMainCode(location) || location.contains("/archfixture/"))
                .importPackages("guestlist");
    }

    @Test
    void everyModuleContributesClasses() {
        for (String root : List.of(
                "guestlist.domain",
                "guestlist.application",
                "guestlist.adapters.rest",
                "guestlist.adapters.postgres",
                "guestlist.bootstrap")) {
            assertThat(production.stream()
                            .filter(javaClass -> javaClass.getPackageName().startsWith(root)))
                    .as("main classes under %s", root)
                    .isNotEmpty();
        }
    }

    @Test
    void productionCodeFollowsTheHexagon() {
        ArchitectureRules.HEXAGON.check(production);
    }

    @Test
    void productionDomainIsPlainJava() {
        ArchitectureRules.DOMAIN_IS_PLAIN_JAVA.check(production);
    }

    @Test
    void productionCoreIsFrameworkFree() {
        ArchitectureRules.CORE_IS_FRAMEWORK_FREE.check(production);
    }

    @Test
    void productionAdaptersDoNotKnowEachOther() {
        ArchitectureRules.REST_DOES_NOT_KNOW_POSTGRES.check(production);
        ArchitectureRules.POSTGRES_DOES_NOT_KNOW_REST.check(production);
        ArchitectureRules.REST_HAS_NO_JDBC.check(production);
    }

    @Test
    void productionAdaptersDoNotKnowServices() {
        ArchitectureRules.ADAPTERS_DO_NOT_KNOW_SERVICES.check(production);
    }

    @Test
    void productionPortsDoNotKnowServices() {
        ArchitectureRules.PORTS_DO_NOT_KNOW_SERVICES.check(production);
    }

    @Test
    void productionNothingDependsOnBootstrap() {
        ArchitectureRules.NOTHING_DEPENDS_ON_BOOTSTRAP.check(production);
    }

    @Test
    void productionMetricsStayInBootstrap() {
        ArchitectureRules.METRICS_STAY_IN_BOOTSTRAP.check(production);
    }

    @Test
    void hexagonRuleFailsOnDomainReachingOutward() {
        assertFailsWith(ArchitectureRules.HEXAGON, DomainUsingApplication.class);
    }

    @Test
    void hexagonRuleFailsOnApplicationReachingIntoBootstrap() {
        assertFailsWith(ArchitectureRules.HEXAGON, ApplicationUsingBootstrap.class);
    }

    @Test
    void plainJavaRuleFailsOnDomainUsingJdbc() {
        assertFailsWith(ArchitectureRules.DOMAIN_IS_PLAIN_JAVA, DomainUsingJdbc.class);
    }

    @Test
    void frameworkFreeRuleFailsOnApplicationUsingSpring() {
        assertFailsWith(ArchitectureRules.CORE_IS_FRAMEWORK_FREE, ApplicationUsingSpring.class);
    }

    @Test
    void frameworkFreeRuleFailsOnDomainUsingJdbc() {
        assertFailsWith(ArchitectureRules.CORE_IS_FRAMEWORK_FREE, DomainUsingJdbc.class);
    }

    @Test
    void adapterIsolationRuleFailsOnRestReachingIntoPostgres() {
        assertFailsWith(ArchitectureRules.REST_DOES_NOT_KNOW_POSTGRES, RestAdapterReachingIntoPostgres.class);
        assertFailsWith(ArchitectureRules.REST_HAS_NO_JDBC, RestAdapterReachingIntoPostgres.class);
    }

    @Test
    void adaptersSeeNoServicesRuleFailsOnRestBuildingAService() {
        assertFailsWith(ArchitectureRules.ADAPTERS_DO_NOT_KNOW_SERVICES, RestAdapterUsingAService.class);
    }

    @Test
    void portsSeeNoServicesRuleFailsOnAPortNamingAService() {
        assertFailsWith(ArchitectureRules.PORTS_DO_NOT_KNOW_SERVICES, PortNamingAService.class);
    }

    @Test
    void metricsRuleFailsOnAnAdapterCountingWithMicrometer() {
        assertFailsWith(ArchitectureRules.METRICS_STAY_IN_BOOTSTRAP, RestAdapterCountingWithMicrometer.class);
    }

    @Test
    void bootstrapRuleFailsOnApplicationUsingBootstrap() {
        assertFailsWith(ArchitectureRules.NOTHING_DEPENDS_ON_BOOTSTRAP, ApplicationUsingBootstrap.class);
    }

    /** Main code of any module, whether Maven hands it over as a classes folder or as a jar. */
    private static boolean isMainCode(Location location) {
        return ImportOption.Predefined.DO_NOT_INCLUDE_TESTS.includes(location) && !location.contains("-tests.jar");
    }

    /** The production classes pass (tests above); with the fixtures, the rule fails on this bad class. */
    private static void assertFailsWith(ArchRule rule, Class<?> badClass) {
        assertThat(withFixtures.contain(badClass))
                .as("the fixture was imported")
                .isTrue();
        assertThatThrownBy(() -> rule.check(withFixtures))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(badClass.getSimpleName());
    }
}
