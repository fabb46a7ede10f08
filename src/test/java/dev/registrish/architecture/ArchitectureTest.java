package dev.registrish.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package graph the README draws, checked on every build: which package may use which, and the
 * rules that never bend (the AWS SDK only in {@code store}, no host configuration reaching a store, nothing
 * using the command line, no cycles).
 */
@AnalyzeClasses(packages = "dev.registrish", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule packageGraph = layeredArchitecture().consideringOnlyDependenciesInLayers()
      .layer("cli").definedBy("dev.registrish.cli..")
      .layer("doctor").definedBy("dev.registrish.doctor..")
      .layer("mirror").definedBy("dev.registrish.mirror..")
      .layer("publish").definedBy("dev.registrish.publish..")
      .layer("source").definedBy("dev.registrish.source..")
      .layer("hosting").definedBy("dev.registrish.hosting..")
      .layer("verify").definedBy("dev.registrish.verify..")
      .layer("upstream").definedBy("dev.registrish.upstream..")
      .layer("store").definedBy("dev.registrish.store..")
      .layer("tree").definedBy("dev.registrish.tree..")
      .layer("oci").definedBy("dev.registrish.oci..")
      .whereLayer("cli").mayNotBeAccessedByAnyLayer()
      .whereLayer("doctor").mayOnlyBeAccessedByLayers("cli")
      .whereLayer("mirror").mayOnlyBeAccessedByLayers("cli")
      .whereLayer("publish").mayOnlyBeAccessedByLayers("cli", "mirror", "doctor")
      .whereLayer("source").mayOnlyBeAccessedByLayers("cli")
      .whereLayer("hosting").mayOnlyBeAccessedByLayers("cli")
      .whereLayer("verify").mayOnlyBeAccessedByLayers("cli")
      .whereLayer("upstream").mayOnlyBeAccessedByLayers("cli", "mirror")
      .whereLayer("store").mayOnlyBeAccessedByLayers("cli", "doctor", "mirror", "publish")
      .whereLayer("tree").mayOnlyBeAccessedByLayers("cli", "mirror", "publish", "source", "hosting", "verify", "upstream")
      .whereLayer("oci").mayOnlyBeAccessedByLayers("cli", "mirror", "publish", "source", "hosting", "verify", "upstream",
          "store", "tree", "doctor");

  @ArchTest
  static final ArchRule awsSdkOnlyInStore = noClasses().that().resideOutsideOfPackage("dev.registrish.store..")
      .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..")
      .because("the store is the only code that talks S3");

  @ArchTest
  static final ArchRule s3ProxyOnlyInTheEmbeddedEndpoint = noClasses().that()
      .resideOutsideOfPackage("dev.registrish.store.embedded..")
      .should().dependOnClassesThat().resideInAnyPackage("org.gaul.s3proxy..", "org.jclouds..")
      .because("S3Proxy ships apart (lib/embedded) and is loaded only for the embedded endpoint");

  @ArchTest
  static final ArchRule storeKnowsNoTreeAndNoPlan = noClasses().that().resideInAPackage("dev.registrish.store..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.registrish.tree..", "dev.registrish.publish..");

  @ArchTest
  static final ArchRule noCyclesBetweenPackages = slices().matching("dev.registrish.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule publishStagesDoNotReachBack = noClasses().that().resideInAnyPackage("dev.registrish.publish.plan..",
      "dev.registrish.publish.run..", "dev.registrish.publish.state..", "dev.registrish.publish.report..")
      .should().dependOnClassesThat().resideInAPackage("dev.registrish.publish")
      .because("the engine (publish) wires its stages together, the stages know nothing of it");

  @ArchTest
  static final ArchRule noCyclesInsidePublish = slices().matching("dev.registrish.publish.(*)..").should().beFreeOfCycles();
}
