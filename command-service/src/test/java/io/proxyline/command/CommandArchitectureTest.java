package io.proxyline.command;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.Repository;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.RestController;

/**
 * The write side's boundaries: the domain (the aggregates and the rules they apply) is plain Java
 * plus Axon's handler annotations, knowing neither HTTP nor a store; the endpoints turn a request
 * into a command and send it through {@code Commands}, never reaching into an aggregate or a store.
 */
@AnalyzeClasses(packages = "io.proxyline.command", importOptions = ImportOption.DoNotIncludeTests.class)
class CommandArchitectureTest {
    private static final String[] DOMAIN_PACKAGES = {
        "io.proxyline.command.connector..", "io.proxyline.command.number..", "io.proxyline.command.subscription.."
    };
    private static final String[] STORAGE = {
        "com.mongodb..", "org.bson..", "java.sql..", "javax.sql..", "org.springframework.jdbc..", "io.proxyline.store..",
        "io.proxyline.command.ended..", "io.proxyline.command.expiry.."
    };
    private static final String[] WEB = {
        "org.springframework.web..", "org.springframework.http..", "jakarta.servlet..", "io.proxyline.web..",
        "io.proxyline.command.web..", "com.fasterxml.jackson.databind.."
    };

    /** The aggregates, their state and their rules; not the endpoints or the wiring that share their packages. */
    private static final DescribedPredicate<JavaClass> DOMAIN = resideInAnyPackage(DOMAIN_PACKAGES)
            .and(not(annotatedWith(RestController.class)))
            .and(not(annotatedWith(Configuration.class)))
            .as("the domain (aggregates and their rules)");

    private static final DescribedPredicate<JavaClass> AGGREGATE_INTERNALS = DOMAIN.or(annotatedWith(Aggregate.class))
            .as("an aggregate or its rules");

    @ArchTest
    static final ArchRule domainKnowsNoWebAndNoStore = noClasses().that(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage(WEB)
            .orShould().dependOnClassesThat().resideInAnyPackage(STORAGE);

    /** What the connector decides (allocation, routing, validation) is testable without any framework. */
    @ArchTest
    static final ArchRule connectorRulesArePlainJava = noClasses()
            .that().resideInAPackage("io.proxyline.command.connector..")
            .and().areNotAnnotatedWith(Aggregate.class).and().areNotAnnotatedWith(RestController.class)
            .should().dependOnClassesThat().resideInAnyPackage("org.axonframework..", "org.springframework..");

    /**
     * Commands go only through {@code Commands}, which stamps the verified caller on them: no gateway
     * or bus of their own, no repository, no event store. (Catching Axon's AggregateNotFoundException
     * for a per-number error is reading an answer, not reaching in.)
     */
    @ArchTest
    static final ArchRule endpointsOnlySendCommands = noClasses().that().areAnnotatedWith(RestController.class)
            .should().dependOnClassesThat(AGGREGATE_INTERNALS)
            .orShould().dependOnClassesThat().resideInAnyPackage("org.axonframework.commandhandling..",
                    "org.axonframework.eventhandling..", "org.axonframework.eventsourcing..")
            .orShould().dependOnClassesThat().areAssignableTo(Repository.class)
            .orShould().dependOnClassesThat().belongToAnyOf(AggregateLifecycle.class)
            .orShould().dependOnClassesThat().resideInAnyPackage(STORAGE);

    @ArchTest
    static final ArchRule aggregatesArePackagePrivate = classes().that().areAnnotatedWith(Aggregate.class)
            .should().notHaveModifier(JavaModifier.PUBLIC);

    @ArchTest
    static final ArchRule writeSideDoesNotKnowTheReadSide =
            noClasses().should().dependOnClassesThat().resideInAPackage("io.proxyline.query..");

    @ArchTest
    static final ArchRule featurePackagesAreFreeOfCycles =
            slices().matching("io.proxyline.command.(*)..").should().beFreeOfCycles();
}
