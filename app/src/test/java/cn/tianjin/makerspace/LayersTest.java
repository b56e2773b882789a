package cn.tianjin.makerspace;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.javalin.security.RouteRole;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The house's modules as rules (docs/architecture.md, Modules), checked on the production classes
 * of every module but bench (which nothing depends on; Maven keeps it out): the data flow runs one
 * way — common → contract → ingestion → transforms → the pipeline and the command — and the web app
 * (cn.tianjin.makerspace.dashboard) reads the snapshot store and uses the contract's row checks,
 * never a job. It lives in the app module because only app sees every other module.
 */
class LayersTest {
  private static JavaClasses production;

  @BeforeAll
  static void importTheProductionClasses() {
    production = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(location -> !location.contains("-tests.jar")) // common's test-jar (SharedSpark, …)
        .importPackages("cn.tianjin.makerspace");
  }

  @Test
  void eachStageUsesOnlyTheStagesBeforeIt() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("common").definedBy("cn.tianjin.makerspace.common..")
        .layer("contract").definedBy("cn.tianjin.makerspace.contract..")
        .layer("ingestion").definedBy("cn.tianjin.makerspace.ingestion..")
        .layer("transforms").definedBy("cn.tianjin.makerspace.transforms..")
        .layer("web app").definedBy("cn.tianjin.makerspace.dashboard..")
        .layer("pipeline").definedBy("cn.tianjin.makerspace.pipeline..")
        .layer("command").definedBy("cn.tianjin.makerspace.cli..")
        .whereLayer("command").mayNotBeAccessedByAnyLayer()
        .whereLayer("pipeline").mayOnlyBeAccessedByLayers("command")
        .whereLayer("web app").mayOnlyBeAccessedByLayers("pipeline", "command")
        .whereLayer("transforms").mayOnlyBeAccessedByLayers("pipeline", "command")
        .whereLayer("ingestion").mayOnlyBeAccessedByLayers("pipeline", "command")
        .whereLayer("contract").mayOnlyBeAccessedByLayers("ingestion", "web app", "pipeline", "command")
        .check(production);
  }

  @Test
  void theWebAppUsesTheContractsChecksButNoJob() {
    noClasses().that().resideInAPackage("cn.tianjin.makerspace.dashboard..")
        .should().dependOnClassesThat().resideInAPackage("cn.tianjin.makerspace.ingestion..")
        .orShould().dependOnClassesThat().resideInAPackage("cn.tianjin.makerspace.transforms..")
        .orShould().dependOnClassesThat().resideInAPackage("org.apache.spark..")
        .because("the web app reads published snapshots with DuckDB; the jobs run in the pipeline (docs/architecture.md)")
        .check(production);
  }

  @Test
  void servicesKnowNothingOfHttp() {
    // Role is Javalin's RouteRole (a marker interface) so that the routes can name who may call them
    noClasses().that().resideInAPackage("cn.tianjin.makerspace.dashboard")
        .should().dependOnClassesThat(resideInAPackage("io.javalin..").and(not(type(RouteRole.class))))
        .because("services return typed answers; the controllers in dashboard.web speak HTTP")
        .check(production);
  }

  @Test
  void theTopLevelPackagesHaveNoCycles() {
    slices().matching("cn.tianjin.makerspace.(*)..").should().beFreeOfCycles().check(production);
  }
}
