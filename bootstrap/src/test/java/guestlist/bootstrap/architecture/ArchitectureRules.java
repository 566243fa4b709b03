package guestlist.bootstrap.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures;

/** The package edges of the hexagon, as rules that any class set can be checked against. */
final class ArchitectureRules {

    private ArchitectureRules() {}

    /** Data flows inward: adapters → application → domain; only bootstrap sees the adapters. */
    static final Architectures.LayeredArchitecture HEXAGON = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .withOptionalLayers(false)
            .layer("domain")
            .definedBy("guestlist.domain..")
            .layer("application")
            .definedBy("guestlist.application..")
            .layer("rest adapter")
            .definedBy("guestlist.adapters.rest..")
            .layer("postgres adapter")
            .definedBy("guestlist.adapters.postgres..")
            .layer("bootstrap")
            .definedBy("guestlist.bootstrap..")
            .whereLayer("bootstrap")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("rest adapter")
            .mayOnlyBeAccessedByLayers("bootstrap")
            .whereLayer("postgres adapter")
            .mayOnlyBeAccessedByLayers("bootstrap")
            .whereLayer("application")
            .mayOnlyBeAccessedByLayers("rest adapter", "postgres adapter", "bootstrap")
            .whereLayer("domain")
            .mayOnlyBeAccessedByLayers("application", "rest adapter", "postgres adapter", "bootstrap");

    /** The domain is plain Java: itself and the JDK's language, collections, time and randomness. */
    static final ArchRule DOMAIN_IS_PLAIN_JAVA = classes()
            .that()
            .resideInAPackage("guestlist.domain..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "guestlist.domain..",
                    "java.lang..",
                    "java.util..",
                    "java.time..",
                    "java.security..",
                    "java.nio.charset..",
                    "java.io")
            .because("the domain module has no dependency at all, and no I/O or JDBC of the JDK either");

    /** No framework, JSON, HTTP server or JDBC type inside the hexagon. */
    static final ArchRule CORE_IS_FRAMEWORK_FREE = noClasses()
            .that()
            .resideInAnyPackage("guestlist.domain..", "guestlist.application..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.springframework..",
                    "com.fasterxml.jackson..",
                    "tools.jackson..",
                    "io.undertow..",
                    "java.sql..",
                    "javax.sql..",
                    "org.postgresql..",
                    "com.zaxxer..",
                    "org.flywaydb..",
                    "io.zonky..",
                    "io.micrometer..",
                    "io.prometheus..")
            .because("domain and application know no framework, JSON, HTTP, JDBC or metrics library");

    /** The adapters do not know each other. */
    static final ArchRule REST_DOES_NOT_KNOW_POSTGRES = noClasses()
            .that()
            .resideInAPackage("guestlist.adapters.rest..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("guestlist.adapters.postgres..");

    static final ArchRule POSTGRES_DOES_NOT_KNOW_REST = noClasses()
            .that()
            .resideInAPackage("guestlist.adapters.postgres..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("guestlist.adapters.rest..");

    /** JDBC stays in the PostgreSQL adapter (and the bootstrap that starts the database). */
    static final ArchRule REST_HAS_NO_JDBC = noClasses()
            .that()
            .resideInAPackage("guestlist.adapters.rest..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.sql..", "javax.sql..", "org.springframework.jdbc..");

    /** Adapters drive the use cases through their in-ports; which service implements one is no business of theirs. */
    static final ArchRule ADAPTERS_DO_NOT_KNOW_SERVICES = noClasses()
            .that()
            .resideInAPackage("guestlist.adapters..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("guestlist.application.service..")
            .because("adapters see ports, never services");

    /** The ports are the hexagon's edge: they name what is used and given, not what implements it. */
    static final ArchRule PORTS_DO_NOT_KNOW_SERVICES = noClasses()
            .that()
            .resideInAPackage("guestlist.application.port..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("guestlist.application.service..")
            .because("services implement the ports, never the other way round");

    /** Nothing outside bootstrap depends on it. */
    static final ArchRule NOTHING_DEPENDS_ON_BOOTSTRAP = noClasses()
            .that()
            .resideOutsideOfPackage("guestlist.bootstrap..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("guestlist.bootstrap..");

    /**
     * Metrics are counted at the edges, by bootstrap's observers of the REST adapter and decorators of
     * the use cases: Micrometer and Prometheus stay in bootstrap.
     */
    static final ArchRule METRICS_STAY_IN_BOOTSTRAP = noClasses()
            .that()
            .resideInAPackage("guestlist..")
            .and()
            .resideOutsideOfPackage("guestlist.bootstrap..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.micrometer..", "io.prometheus..")
            .because("the hexagon and its adapters count nothing themselves; bootstrap wires the meters");
}
