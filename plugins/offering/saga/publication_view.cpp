#include "saga/publication_view.hpp"

#include <cstddef>
#include <map>

#include "saga/publication_saga.hpp"

namespace catalog::offering {
namespace {

using sdk::Json;

// The last history entry of each activity (a retried step has one entry per attempt).
std::map<std::string, Json> lastActivities(const Json& history) {
  std::map<std::string, Json> last;
  for (const Json& activity : history.value("activities", Json::array()))
    last[activity.value("activityId", "")] = activity;
  return last;
}

std::map<std::string, Json> byActivity(const Json& items) {
  std::map<std::string, Json> found;
  for (const Json& item : items) found[item.value("activityId", "")] = item;
  return found;
}

}  // namespace

sdk::Json publicationView(const Offering& offering, const sdk::Json& history) {
  const auto activities = lastActivities(history);
  const auto open = byActivity(history.value("open_tasks", Json::array()));
  const auto incidents = byActivity(history.value("incidents", Json::array()));

  // By activity id: the release of the prices and their undo share a topic.
  std::map<std::string, std::string> status_of;
  Json steps = Json::array();
  for (const SagaStep& step : sagaSteps()) {
    Json item = {{"step", step.topic},
                 {"activity_id", step.activity_id},
                 {"kind", step.compensation ? "compensation" : "forward"},
                 {"status", "pending"},
                 {"started_at", nullptr},
                 {"ended_at", nullptr},
                 {"error", nullptr}};
    if (const auto incident = incidents.find(step.activity_id); incident != incidents.end()) {
      item["status"] = "failed";
      item["error"] = incident->second.value("incidentMessage", "");
    } else if (const auto task = open.find(step.activity_id); task != open.end()) {
      item["status"] = "running";
      if (task->second["errorMessage"].is_string()) item["error"] = task->second["errorMessage"];
    } else if (const auto done = activities.find(step.activity_id); done != activities.end()) {
      item["status"] = done->second.value("canceled", false) ? "failed" : "done";
    }
    if (const auto seen = activities.find(step.activity_id); seen != activities.end()) {
      item["started_at"] = seen->second["startTime"];
      item["ended_at"] = seen->second["endTime"];
    }
    // The saga's reason, on the step it failed at (a BPMN error leaves no message on the task).
    if (item["status"] == "failed" && item["error"].is_null() && offering.stored().failure_reason)
      item["error"] = *offering.stored().failure_reason;
    status_of[step.activity_id] = item["status"];
    steps.push_back(std::move(item));
  }
  // A forward step counts as compensated once the step that undoes it is done; `steps` lists
  // them in the order of sagaSteps().
  for (std::size_t i = 0; i < sagaSteps().size(); ++i) {
    const SagaStep& step = sagaSteps()[i];
    if (step.undone_by != nullptr && steps[i]["status"] == "done" &&
        status_of[step.undone_by] == "done")
      steps[i]["status"] = "compensated";
  }
  const Json& instance = history.value("instance", Json::object());
  std::string state = "RUNNING";
  if (!incidents.empty()) state = "STUCK";
  if (offering.status() == LifecycleStatus::Published ||
      offering.status() == LifecycleStatus::Retired)
    state = "PUBLISHED";
  else if (instance.value("state", "") == "COMPLETED")
    state = "FAILED";
  const Offering::Stored& s = offering.stored();
  return {{"offering_id", s.id},
          {"saga_id", s.saga_id ? Json(*s.saga_id) : Json()},
          {"lifecycle_status", toString(s.status)},
          {"state", state},
          {"failure_reason", s.failure_reason ? Json(*s.failure_reason) : Json()},
          {"started_at", instance.value("startTime", Json())},
          {"ended_at", instance.value("endTime", Json())},
          {"steps", std::move(steps)}};
}

}  // namespace catalog::offering
