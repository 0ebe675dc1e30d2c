package io.proxyline.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@AnalyzeClasses(packages = "io.proxyline.query", importOptions = ImportOption.DoNotIncludeTests.class)
class QueryArchitectureTest {

    @ArchTest
    static final ArchRule readSideDoesNotKnowTheCommandSide =
            noClasses().should().dependOnClassesThat().resideInAPackage("io.proxyline.command..");

    /** Features depend one way: GetProxySession {@code ?at=} uses the history, the history no session code. */
    @ArchTest
    static final ArchRule featurePackagesAreFreeOfCycles =
            slices().matching("io.proxyline.query.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule endpointsOnlyRead = noMethods()
            .that().areDeclaredInClassesThat().areAnnotatedWith(RestController.class)
            .should().beAnnotatedWith(PostMapping.class)
            .orShould().beAnnotatedWith(PutMapping.class)
            .orShould().beAnnotatedWith(DeleteMapping.class)
            .orShould().beAnnotatedWith(PatchMapping.class)
            .orShould().beAnnotatedWith(RequestMapping.class);

    /**
     * Keeps the code that can query MongoDB small enough to check for scans by reading it. The one
     * exception reads Axon's event collection, not a read model, sorted by Axon's own index, and
     * only in the MongoDB profile.
     */
    @ArchTest
    static final ArchRule onlyStoresTouchCollections = noClasses()
            .that().haveSimpleNameNotEndingWith("Store")
            .and().resideOutsideOfPackage("io.proxyline.query.readmodel..")
            .and().doNotHaveFullyQualifiedName("io.proxyline.query.consistency.EventStoreHead")
            .should().dependOnClassesThat().areAssignableTo(MongoCollection.class);

    /** ReadConsistency waits for exactly the groups in ProcessingGroups.ALL. */
    @ArchTest
    static final ArchRule projectionsUseTheQueryGroups = classes()
            .that().areAnnotatedWith(ProcessingGroup.class)
            .should(new ArchCondition<JavaClass>("use a processing group of ProcessingGroups.ALL") {
                @Override
                public void check(JavaClass projection, ConditionEvents events) {
                    String group = projection.getAnnotationOfType(ProcessingGroup.class).value();
                    if (!ProcessingGroups.ALL.contains(group)) {
                        events.add(SimpleConditionEvent.violated(projection, projection.getName() + " uses " + group));
                    }
                }
            });

    @Test
    void everyQueryGroupHasAProjection() {
        Set<String> used = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.proxyline.query").stream()
                .filter(c -> c.isAnnotatedWith(ProcessingGroup.class))
                .map(c -> c.getAnnotationOfType(ProcessingGroup.class).value())
                .collect(Collectors.toSet());

        assertThat(used).containsExactlyInAnyOrderElementsOf(ProcessingGroups.ALL);
    }
}
