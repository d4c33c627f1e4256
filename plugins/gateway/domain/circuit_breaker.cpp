#include "domain/circuit_breaker.hpp"

#include <algorithm>

namespace catalog::gateway {

CircuitBreaker::Permit CircuitBreaker::acquire(Clock::time_point now) {
  const std::lock_guard<std::mutex> lock(mutex_);
  switch (current(now)) {
    case State::Closed:
      return {true, {}};
    case State::Open:
      return {false, std::chrono::duration_cast<std::chrono::milliseconds>(open_until_ - now)};
    case State::HalfOpen:
      if (state_ == State::Open) {  // its time is up: the first trials may go
        state_ = State::HalfOpen;
        trials_in_flight_ = 0;
        trial_successes_ = 0;
      }
      if (trials_in_flight_ >= settings_.half_open_trials) {
        // The trials are out; their verdict comes within a read timeout.
        return {false, std::chrono::seconds(1)};
      }
      ++trials_in_flight_;
      return {true, {}};
  }
  return {true, {}};
}

void CircuitBreaker::succeeded() {
  const std::lock_guard<std::mutex> lock(mutex_);
  if (state_ == State::HalfOpen) {
    trials_in_flight_ = std::max(0, trials_in_flight_ - 1);
    if (++trial_successes_ >= settings_.half_open_trials) state_ = State::Closed;
  }
  failures_ = 0;
}

void CircuitBreaker::failed(Clock::time_point now) {
  const std::lock_guard<std::mutex> lock(mutex_);
  if (state_ == State::HalfOpen) {
    open(now);
    return;
  }
  if (state_ == State::Closed && ++failures_ >= settings_.failure_threshold) open(now);
}

CircuitBreaker::State CircuitBreaker::state(Clock::time_point now) const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return current(now);
}

std::chrono::milliseconds CircuitBreaker::retryAfter(Clock::time_point now) const {
  const std::lock_guard<std::mutex> lock(mutex_);
  if (current(now) != State::Open) return {};
  return std::chrono::duration_cast<std::chrono::milliseconds>(open_until_ - now);
}

int CircuitBreaker::consecutiveFailures() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return failures_;
}

void CircuitBreaker::open(Clock::time_point now) {
  state_ = State::Open;
  open_until_ = now + settings_.open_for;
  failures_ = 0;
  trials_in_flight_ = 0;
  trial_successes_ = 0;
}

CircuitBreaker::State CircuitBreaker::current(Clock::time_point now) const {
  if (state_ == State::Open && now >= open_until_) return State::HalfOpen;
  return state_;
}

const char* toString(CircuitBreaker::State state) {
  switch (state) {
    case CircuitBreaker::State::Closed:
      return "closed";
    case CircuitBreaker::State::Open:
      return "open";
    case CircuitBreaker::State::HalfOpen:
      return "half-open";
  }
  return "closed";
}

}  // namespace catalog::gateway
