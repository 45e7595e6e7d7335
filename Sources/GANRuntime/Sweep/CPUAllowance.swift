import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// How many CPUs this process may really use: the CPUs its affinity mask allows (`taskset`,
/// SLURM's and Kubernetes' cpusets), lowered by a cgroup CPU quota (a container's or a
/// SLURM job's `cpu.max`). A sweep's default `--jobs` is this, not the machine's processor
/// count, so a job never runs more cells at a time than its allocation has CPUs.
public struct CPUAllowance: Sendable, Equatable {
  /// CPUs in the affinity mask (nil when it could not be read).
  public var affinity: Int?
  /// The tightest cgroup CPU quota in CPUs, rounded up (nil when there is none).
  public var quota: Int?
  /// Where `quota` came from (a cgroup file), for `--dry-run`.
  public var quotaSource: String?
  /// The machine's processor count, the fallback when nothing else is known.
  public var processors: Int

  public init(affinity: Int?, quota: Int?, quotaSource: String? = nil, processors: Int) {
    self.affinity = affinity
    self.quota = quota
    self.quotaSource = quotaSource
    self.processors = processors
  }

  /// The CPUs this process may use: the smaller of the affinity mask and the quota, at least 1.
  public var cpus: Int { max(1, min(affinity ?? processors, quota ?? Int.max)) }

  /// Where `cpus` comes from, e.g. "affinity mask 4 CPUs, cgroup quota 2 CPUs
  /// (/sys/fs/cgroup/cpu.max)".
  public var explanation: String {
    func plural(_ n: Int) -> String { "\(n) CPU\(n == 1 ? "" : "s")" }
    let mask = affinity.map { "affinity mask \(plural($0))" } ?? "\(plural(processors)) online"
    guard let quota else { return mask + ", no cgroup CPU quota" }
    return mask + ", cgroup quota \(plural(quota))" + (quotaSource.map { " (\($0))" } ?? "")
  }

  /// The allowance of the calling process, read now.
  public static func current() -> CPUAllowance {
    let processors = ProcessInfo.processInfo.activeProcessorCount
    let limit = quotaOfCurrentProcess()
    return CPUAllowance(
      affinity: affinityCount(), quota: limit?.cpus, quotaSource: limit?.file,
      processors: processors)
  }

  // MARK: Parsing (pure, unit-tested)

  /// CPUs granted by the text of a cgroup v2 `cpu.max` file ("QUOTA PERIOD", in
  /// microseconds), rounded up: "200000 100000" is 2, "150000 100000" is 2, "50000 100000"
  /// is 1. "max 100000" (no limit) and text that is not a quota are nil.
  public static func cpus(cpuMax text: String) -> Int? {
    let fields = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
    guard fields.count == 2, let quota = Int(fields[0]), let period = Int(fields[1]) else {
      return nil
    }
    return cpus(quota: quota, period: period)
  }

  /// CPUs granted by cgroup v1's `cpu.cfs_quota_us` and `cpu.cfs_period_us` (a quota of -1
  /// is no limit).
  public static func cpus(cfsQuota: String, cfsPeriod: String) -> Int? {
    let trim = { (s: String) in s.trimmingCharacters(in: .whitespacesAndNewlines) }
    guard let quota = Int(trim(cfsQuota)), let period = Int(trim(cfsPeriod)) else { return nil }
    return cpus(quota: quota, period: period)
  }

  private static func cpus(quota: Int, period: Int) -> Int? {
    guard quota > 0, period > 0 else { return nil }
    return max(1, (quota + period - 1) / period)
  }

  /// CPUs in the affinity mask of a process from the text of `/proc/PID/status`: its
  /// `Cpus_allowed_list` line ("0-3,8,10-11" is 7), nil without one.
  public static func cpus(procStatus text: String) -> Int? {
    for line in text.split(separator: "\n") where line.hasPrefix("Cpus_allowed_list:") {
      return cpus(list: line.dropFirst("Cpus_allowed_list:".count))
    }
    return nil
  }

  /// The number of CPUs in a kernel CPU list ("0-3,8"), nil if it is not one.
  public static func cpus(list: Substring) -> Int? {
    var count = 0
    for range in list.trimmingCharacters(in: .whitespaces).split(separator: ",") {
      let ends = range.split(separator: "-", omittingEmptySubsequences: false)
      guard (1...2).contains(ends.count), let low = Int(ends[0]), let high = Int(ends.last!),
        low >= 0, high >= low
      else { return nil }
      count += high - low + 1
    }
    return count > 0 ? count : nil
  }

  /// The directories whose `cpu.max` limits a process in cgroup `path`: its own and every
  /// parent's up to the root of `mount` (a quota anywhere above applies too).
  public static func cgroupDirectories(path: String, mount: String = "/sys/fs/cgroup")
    -> [String]
  {
    var parts = path.split(separator: "/").map(String.init)
    var directories: [String] = []
    while true {
      directories.append(([mount] + parts).joined(separator: "/"))
      guard !parts.isEmpty else { break }
      parts.removeLast()
    }
    return directories
  }

  // MARK: Reading the system

  /// CPUs in this process's affinity mask, from `/proc/self/status` (the kernel's view of
  /// what `sched_getaffinity` returns; Glibc's Swift module does not export that call).
  static func affinityCount() -> Int? {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else {
      return nil
    }
    return cpus(procStatus: text)
  }

  /// The tightest CPU quota over this process's cgroups and their parents, with the file it
  /// came from.
  static func quotaOfCurrentProcess() -> (cpus: Int, file: String)? {
    guard let text = try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8) else {
      return nil
    }
    return quota(procCgroup: text, root: "/sys/fs/cgroup")
  }

  /// The tightest CPU quota for a process whose `/proc/PID/cgroup` is `procCgroup`, read from
  /// the cgroup file systems mounted at `root`: cgroup v2's `cpu.max` in its cgroup and every
  /// parent (a quota anywhere above applies too), and cgroup v1's CFS quota in the `cpu`
  /// hierarchy the same way. Inside a container the path may be the host's while the
  /// container's own cgroup is mounted at the root, so the root is always read too.
  public static func quota(procCgroup: String, root: String) -> (cpus: Int, file: String)? {
    let read = { (path: String) in try? String(contentsOfFile: path, encoding: .utf8) }
    var best: (cpus: Int, file: String)?
    func consider(_ cpus: Int?, _ file: String) {
      guard let cpus else { return }
      if best.map({ cpus < $0.cpus }) ?? true { best = (cpus, file) }
    }
    for line in procCgroup.split(separator: "\n") {
      let fields = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
      guard fields.count == 3 else { continue }
      let path = String(fields[2])
      if fields[0] == "0" && fields[1].isEmpty {
        for directory in cgroupDirectories(path: path, mount: root) {
          if let max = read(directory + "/cpu.max") {
            consider(cpus(cpuMax: max), directory + "/cpu.max")
          }
        }
      } else if fields[1].split(separator: ",").contains("cpu") {
        // v1 mounts the hierarchy as "cpu,cpuacct" (often with a "cpu" link) or "cpu".
        for mount in Set([root + "/" + fields[1], root + "/cpu"]).sorted() {
          for directory in cgroupDirectories(path: path, mount: mount) {
            if let quota = read(directory + "/cpu.cfs_quota_us"),
              let period = read(directory + "/cpu.cfs_period_us")
            {
              consider(cpus(cfsQuota: quota, cfsPeriod: period), directory + "/cpu.cfs_quota_us")
            }
          }
        }
      }
    }
    return best
  }
}

/// The value of `--jobs`: a number of runs at a time, or `auto` (the CPUs this process may
/// use, `CPUAllowance.cpus`).
public enum SweepJobs: Sendable, Equatable {
  case auto
  case count(Int)

  /// Parses `--jobs`. An empty value is what `--jobs "$SLURM_CPUS_PER_TASK"` gives when the
  /// job has no `--cpus-per-task`, so its message says that and suggests `auto`.
  public static func parse(_ text: String) throws(SweepError) -> SweepJobs {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if trimmed.isEmpty {
      throw SweepError(
        "--jobs '\(text)' has an empty value (an unset variable such as $SLURM_CPUS_PER_TASK?): "
          + "give a number of runs at a time, or --jobs auto for the CPUs this process may use")
    }
    if trimmed.lowercased() == "auto" { return .auto }
    guard let n = Int(trimmed) else {
      throw SweepError(
        "--jobs '\(text)': expected a whole number of runs at a time, or auto")
    }
    guard n >= 1 else { throw SweepError("--jobs must be at least 1, got \(n)") }
    return .count(n)
  }

  /// The number of runs at a time: `auto` is `allowance()`, read only when needed.
  public func resolved(_ allowance: () -> CPUAllowance) -> Int {
    switch self {
    case .auto: allowance().cpus
    case .count(let n): n
    }
  }
}
