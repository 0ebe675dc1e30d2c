package io.proxyline.standalone;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The boundaries between the modules, checked here because this is the one module that has them
 * all on its class path: shared-api is plain Java that both sides share, and the two sides meet
 * only in the standalone launcher.
 */
@AnalyzeClasses(packages = "io.proxyline", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleArchitectureTest {

    /** Messages, views, value types and the wire shapes: no Spring, no store, no servlet, no service code. */
    @ArchTest
    static final ArchRule sharedApiIsPlainJava = noClasses().that().resideInAPackage("io.proxyline.api..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta..", "com.mongodb..",
                    "org.bson..", "java.sql..", "javax.sql..", "io.proxyline.command..", "io.proxyline.query..",
                    "io.proxyline.web..", "io.proxyline.store..", "io.proxyline.webhook..",
                    "io.proxyline.standalone..");

    @ArchTest
    static final ArchRule sharedApiPackagesAreFreeOfCycles =
            slices().matching("io.proxyline.api.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule commandSideDoesNotKnowTheQuerySide = noClasses().that().resideInAPackage("io.proxyline.command..")
            .should().dependOnClassesThat().resideInAnyPackage("io.proxyline.query..", "io.proxyline.standalone..");

    @ArchTest
    static final ArchRule querySideDoesNotKnowTheCommandSide = noClasses().that().resideInAPackage("io.proxyline.query..")
            .should().dependOnClassesThat().resideInAnyPackage("io.proxyline.command..", "io.proxyline.standalone..");

    /** service-common serves both sides and knows neither. */
    @ArchTest
    static final ArchRule commonCodeKnowsNoSide = noClasses()
            .that().resideInAnyPackage("io.proxyline.web..", "io.proxyline.store..", "io.proxyline.webhook..")
            .should().dependOnClassesThat().resideInAnyPackage("io.proxyline.command..", "io.proxyline.query..",
                    "io.proxyline.standalone..");
}
