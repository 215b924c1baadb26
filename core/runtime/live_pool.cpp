#include "live_pool.h"

#include <algorithm>

namespace loopscope::rt {

LiveWorker *LivePool::place(const LiveJob &job, bool *failed)
{
    *failed = false;
    std::lock_guard lock(m_mutex);
    for (LiveWorker &w : m_workers) {
        if (w.free && !w.broken) {
            w.free = false;
            w.handed = job;
            m_cv.notify_all();
            return nullptr;
        }
    }
    if (!spec.process && int(m_workers.size()) < spec.workers) {
        LiveWorker &w = m_workers.emplace_back();
        w.free = false;
        w.handed = job;
        return &w;
    }
    *failed = !m_workers.empty()
              && std::all_of(m_workers.begin(), m_workers.end(),
                             [](const LiveWorker &w) { return w.broken; });
    if (!*failed)
        m_queue.push_back(job);
    return nullptr;
}

LiveWorker &LivePool::addWorker()
{
    std::lock_guard lock(m_mutex);
    return m_workers.emplace_back();
}

std::size_t LivePool::workerCount() const
{
    std::lock_guard lock(m_mutex);
    return m_workers.size();
}

bool LivePool::nextJob(LiveWorker &self, LiveJob *job, const std::atomic<bool> &stop,
                       const std::atomic<bool> &shutdown)
{
    std::unique_lock lock(m_mutex);
    while (!self.handed && !stop.load(std::memory_order_relaxed) && !shutdown.load())
        m_cv.wait_for(lock, std::chrono::milliseconds(5));
    if (!self.handed)
        return false;
    *job = *self.handed;
    self.handed.reset();
    return true;
}

void LivePool::jobDone(LiveWorker &self)
{
    std::lock_guard lock(m_mutex);
    if (m_queue.empty()) {
        self.free = true;
    } else {
        self.handed = m_queue.front();
        m_queue.pop_front();
    }
}

std::vector<LiveJob> LivePool::breakWorker(LiveWorker &self)
{
    std::lock_guard lock(m_mutex);
    self.broken = true;
    self.free = false;
    std::vector<LiveJob> failed;
    if (self.handed)
        failed.push_back(*self.handed);
    self.handed.reset();
    failed.insert(failed.end(), m_queue.begin(), m_queue.end());
    m_queue.clear();
    return failed;
}

void LivePool::joinAll()
{
    m_cv.notify_all();
    // Only the loop thread adds workers, and it is the one here: no lock needed to walk them,
    // and none may be held while joining (the workers take it).
    for (LiveWorker &w : m_workers)
        if (w.thread.joinable())
            w.thread.join();
}

} // namespace loopscope::rt
