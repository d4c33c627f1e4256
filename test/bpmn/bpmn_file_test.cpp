// bpmn/offering-publication-saga.bpmn read by bpmn-moddle (the model bpmn-js and Camunda Modeler
// load) through bpmn_file_check.js and validated against the BPMN 2.0 schema it ships (Camunda 7
// validates on deployment, bpmn-moddle does not), and broken copies that each must reject.
#include <Poco/File.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>
#include <cppunit/extensions/HelperMacros.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/temp_dir.hpp"

namespace catalog::test {
namespace {

const std::string kSourceDir = CATALOG_SOURCE_DIR;
const std::string kSagaFile = kSourceDir + "/bpmn/offering-publication-saga.bpmn";
const std::string kNodeModules = kSourceDir + "/test/node/node_modules";
const std::string kBpmnSchema = kNodeModules + "/bpmn-moddle/resources/bpmn/xsd/BPMN20.xsd";

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string readAll(Poco::Pipe& pipe) {
  Poco::PipeInputStream stream(pipe);
  std::string text;
  Poco::StreamCopier::copyToString(stream, text);
  return text;
}

CommandResult run(const std::string& command, const std::vector<std::string>& args) {
  CPPUNIT_ASSERT_MESSAGE(kNodeModules + " is missing: run npm ci --prefix test/node",
                         Poco::File(kNodeModules).exists());
  Poco::Pipe out;
  Poco::Pipe err;
  Poco::ProcessHandle process = Poco::Process::launch(command, args, kSourceDir, nullptr, &out,
                                                      &err, {{"NODE_PATH", kNodeModules}});
  // Both commands write a line or a few problems, far less than a pipe holds: reading stdout to
  // its end before stderr cannot block the child.
  CommandResult result;
  result.out = readAll(out);
  result.err = readAll(err);
  result.exit_code = process.wait();
  return result;
}

CommandResult checkBpmnFile(const std::string& path) {
  return run("node", {kSourceDir + "/test/bpmn/bpmn_file_check.js", path});
}

CommandResult validateAgainstSchema(const std::string& path) {
  return run("xmllint", {"--noout", "--schema", kBpmnSchema, path});
}

std::string read(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

// The saga file with its one occurrence of `from` replaced by `to`, written into `dir`.
std::string brokenCopy(const TempDir& dir, const std::string& from, const std::string& to) {
  std::string text = read(kSagaFile);
  const std::size_t at = text.find(from);
  CPPUNIT_ASSERT_MESSAGE("the saga file has no '" + from + "'", at != std::string::npos);
  CPPUNIT_ASSERT_MESSAGE("the saga file has '" + from + "' twice",
                         text.find(from, at + 1) == std::string::npos);
  const std::string path = dir.file("broken.bpmn");
  std::ofstream(path, std::ios::binary) << text.replace(at, from.size(), to);
  return path;
}

void assertRejected(const CommandResult& result, const std::string& problem) {
  CPPUNIT_ASSERT_EQUAL_MESSAGE(result.out + result.err, 1, result.exit_code);
  CPPUNIT_ASSERT_MESSAGE("'" + problem + "' is missing from: " + result.err,
                         result.err.find(problem) != std::string::npos);
}

}  // namespace

class BpmnFileTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(BpmnFileTest);
  CPPUNIT_TEST(testSagaFileIsValidBpmnWithCompleteDiagram);
  CPPUNIT_TEST(testFlowToMissingTaskIsRejected);
  CPPUNIT_TEST(testFailureThatSkipsAnUndoIsRejected);
  CPPUNIT_TEST(testPublicationThatKeepsThePricesLockedIsRejected);
  CPPUNIT_TEST(testBoundaryEventOnTheReleaseOfThePricesIsRejected);
  CPPUNIT_TEST(testOverlappingShapesAreRejected);
  CPPUNIT_TEST(testSagaFileConformsToBpmnSchema);
  CPPUNIT_TEST(testElementOutOfSchemaOrderIsRejected);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testSagaFileIsValidBpmnWithCompleteDiagram() {
    const CommandResult result = checkBpmnFile(kSagaFile);

    CPPUNIT_ASSERT_EQUAL_MESSAGE(result.err, 0, result.exit_code);
    CPPUNIT_ASSERT_EQUAL(kSagaFile +
                             ": valid BPMN 2.0, process offering-publication-saga with 8 external "
                             "tasks and 15 sequence flows, all drawn\n",
                         result.out);
  }

  void testFlowToMissingTaskIsRejected() {
    TempDir dir;
    const std::string broken = brokenCopy(
        dir, "sourceRef=\"Gateway_SpecificationsValid\" targetRef=\"Task_CreateStoreEntry\"",
        "sourceRef=\"Gateway_SpecificationsValid\" targetRef=\"Task_Missing\"");

    assertRejected(checkBpmnFile(broken), "parse warning: unresolved reference <Task_Missing>");
  }

  // SRS §3.2.4: a failed confirmation must also delete the store entry the saga created.
  void testFailureThatSkipsAnUndoIsRejected() {
    TempDir dir;
    const std::string broken = brokenCopy(
        dir, "sourceRef=\"Boundary_PublicationNotConfirmed\" targetRef=\"Task_DeleteStoreEntry\"",
        "sourceRef=\"Boundary_PublicationNotConfirmed\" targetRef=\"Task_UnlockPrices\"");

    assertRejected(checkBpmnFile(broken),
                   "Flow_PublicationNotConfirmed undoes [unlock-prices, revert-offering-to-draft], "
                   "not [delete-store-entry, unlock-prices, revert-offering-to-draft]");
  }

  // Prices are locked only during the publication: a published offering's prices can change.
  void testPublicationThatKeepsThePricesLockedIsRejected() {
    TempDir dir;
    const std::string broken =
        brokenCopy(dir, "sourceRef=\"Task_ConfirmPublication\" targetRef=\"Task_ReleasePrices\"",
                   "sourceRef=\"Task_ConfirmPublication\" targetRef=\"EndEvent_Published\"");

    assertRejected(checkBpmnFile(broken),
                   "the published path runs [lock-prices, validate-specifications, "
                   "create-store-entry, confirm-publication], not [lock-prices, "
                   "validate-specifications, create-store-entry, confirm-publication, "
                   "unlock-prices]");
  }

  // Undoing after the offering is published would revert a published offering to DRAFT.
  void testBoundaryEventOnTheReleaseOfThePricesIsRejected() {
    TempDir dir;
    const std::string broken =
        brokenCopy(dir,
                   "id=\"Boundary_PublicationNotConfirmed\" name=\"Publication not confirmed\" "
                   "attachedToRef=\"Task_ConfirmPublication\"",
                   "id=\"Boundary_PublicationNotConfirmed\" name=\"Publication not confirmed\" "
                   "attachedToRef=\"Task_ReleasePrices\"");

    assertRejected(checkBpmnFile(broken),
                   "Task_ReleasePrices runs once the offering is published: it takes no boundary "
                   "event");
  }

  void testOverlappingShapesAreRejected() {
    TempDir dir;
    const std::string broken =
        brokenCopy(dir, "<dc:Bounds x=\"530\" y=\"280\"", "<dc:Bounds x=\"760\" y=\"280\"");

    assertRejected(checkBpmnFile(broken), "Task_DeleteStoreEntry overlaps Task_UnlockPrices");
  }

  void testSagaFileConformsToBpmnSchema() {
    const CommandResult result = validateAgainstSchema(kSagaFile);

    CPPUNIT_ASSERT_EQUAL_MESSAGE(result.err, 0, result.exit_code);
  }

  // bpmn-moddle reads this without a warning; Camunda 7 refuses to deploy it.
  void testElementOutOfSchemaOrderIsRejected() {
    TempDir dir;
    const std::string broken =
        brokenCopy(dir, "<bpmn:incoming>Flow_RequestedToLockPrices</bpmn:incoming>",
                   "<bpmn:incoming>Flow_RequestedToLockPrices</bpmn:incoming>"
                   "<bpmn:documentation>Locks every price</bpmn:documentation>");

    const CommandResult result = validateAgainstSchema(broken);
    CPPUNIT_ASSERT_MESSAGE(result.err, result.exit_code != 0);
    CPPUNIT_ASSERT_MESSAGE(result.err, result.err.find("documentation': This element is not "
                                                       "expected") != std::string::npos);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(BpmnFileTest);

}  // namespace catalog::test
