package io.zkml4j.prover.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Rules inside the modules (the module arrows themselves are enforced by maven-enforcer in each pom):
 * a verifier never uses prover code, and the ML-agnostic crypto core never reaches into ML packages.
 */
class ArchitectureTest {
    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.zkml4j");
    }

    @Test
    void verifiersNeverUseProverCode() {
        noClasses().that().haveSimpleNameEndingWith("Verifier").or().haveSimpleName("VerifierContext")
                .or().haveSimpleName("VerifierChannel")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Prover")
                .orShould().dependOnClassesThat().haveSimpleName("ProverContext")
                .orShould().dependOnClassesThat().haveSimpleName("ProverChannel")
                .orShould().dependOnClassesThat().haveSimpleName("Witness")
                .check(classes);
    }

    @Test
    void theCryptoCoreKnowsNothingOfModelsOrProofsOfInference() {
        noClasses().that().resideInAPackage("io.zkml4j.crypto..")
                .should().dependOnClassesThat().resideInAnyPackage("io.zkml4j.model..", "io.zkml4j.prover..")
                .check(classes);
    }

    @Test
    void theModelModuleKnowsNothingOfProofs() {
        noClasses().that().resideInAPackage("io.zkml4j.model..")
                .should().dependOnClassesThat().resideInAnyPackage("io.zkml4j.crypto..", "io.zkml4j.prover..")
                .check(classes);
    }
}
