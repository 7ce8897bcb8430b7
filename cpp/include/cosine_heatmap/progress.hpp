// Progress and cancellation for long core operations. The caller's callback
// is the only way to stop a run (the core has no threads or exceptions), so
// it is called often enough to cancel promptly but rarely enough that a
// JavaScript callback behind it costs nothing measurable.
#pragma once

#include <algorithm>
#include <cstddef>
#include <functional>

namespace cosine_heatmap {

// Receives (done, total) work units, with done <= total; returns false to
// cancel. Units are rows processed across the passes of an operation, so
// done / total is the fraction of work done.
using ProgressCallback = std::function<bool(std::size_t done, std::size_t total)>;

class ProgressReporter {
 public:
  ProgressReporter(const ProgressCallback& callback, std::size_t total)
      : callback_(callback),
        total_(total),
        step_(std::min<std::size_t>(std::max<std::size_t>(total / 256, 1), 4096)),
        next_report_(step_) {}

  // Adds finished units; returns false once the callback has asked to stop.
  // The last report (done == total) is left to finish().
  bool advance(std::size_t units) {
    done_ = std::min(done_ + units, total_);
    if (cancelled_ || !callback_ || done_ < next_report_ || done_ == total_) return !cancelled_;
    next_report_ = done_ + step_;
    cancelled_ = !callback_(done_, total_);
    return !cancelled_;
  }

  // Reports done == total once, however the steps fell.
  bool finish() {
    if (cancelled_) return false;
    done_ = total_;
    if (callback_) cancelled_ = !callback_(done_, total_);
    return !cancelled_;
  }

  bool cancelled() const { return cancelled_; }

 private:
  const ProgressCallback& callback_;
  std::size_t total_;
  std::size_t step_;
  std::size_t next_report_;
  std::size_t done_ = 0;
  bool cancelled_ = false;
};

}  // namespace cosine_heatmap
