import Foundation
import GANCore
import Testing

@testable import GANRuntime

/// What a sweep needs on a cluster: `--jobs` from the CPUs this process may use (affinity
/// mask, cgroup quota), and progress lines for a batch job's log.
@Suite struct SweepClusterTests {
  // MARK: The CPUs this process may use

  @Test func cgroupV2QuotaIsReadAndRoundedUp() {
    #expect(CPUAllowance.cpus(cpuMax: "max 100000\n") == nil)
    #expect(CPUAllowance.cpus(cpuMax: "200000 100000\n") == 2)
    #expect(CPUAllowance.cpus(cpuMax: "150000 100000") == 2)
    #expect(CPUAllowance.cpus(cpuMax: "50000 100000") == 1)
    #expect(CPUAllowance.cpus(cpuMax: "400000 50000") == 8)
    #expect(CPUAllowance.cpus(cpuMax: "") == nil)
    #expect(CPUAllowance.cpus(cpuMax: "200000") == nil)
    #expect(CPUAllowance.cpus(cpuMax: "lots 100000") == nil)
    #expect(CPUAllowance.cpus(cpuMax: "200000 0") == nil)
  }

  @Test func cgroupV1QuotaIsRead() {
    #expect(CPUAllowance.cpus(cfsQuota: "-1\n", cfsPeriod: "100000\n") == nil)
    #expect(CPUAllowance.cpus(cfsQuota: "300000\n", cfsPeriod: "100000\n") == 3)
    #expect(CPUAllowance.cpus(cfsQuota: "x", cfsPeriod: "100000") == nil)
  }

  @Test func affinityMaskIsCountedFromProcStatus() {
    let status = "Name:\tganscope\nCpus_allowed:\td0f\nCpus_allowed_list:\t0-3,8,10-11\nMems:\t1\n"
    #expect(CPUAllowance.cpus(procStatus: status) == 7)
    #expect(CPUAllowance.cpus(procStatus: "Cpus_allowed_list:\t1\n") == 1)
    #expect(CPUAllowance.cpus(procStatus: "Cpus_allowed_list:\t3-1\n") == nil)
    #expect(CPUAllowance.cpus(procStatus: "Cpus_allowed_list:\t\n") == nil)
    #expect(CPUAllowance.cpus(procStatus: "Name:\tx\n") == nil)
  }

  @Test func cgroupPathAndItsParents() {
    #expect(
      CPUAllowance.cgroupDirectories(path: "/system.slice/job_7.scope")
        == [
          "/sys/fs/cgroup/system.slice/job_7.scope", "/sys/fs/cgroup/system.slice",
          "/sys/fs/cgroup",
        ]
    )
    #expect(CPUAllowance.cgroupDirectories(path: "/") == ["/sys/fs/cgroup"])
  }

  /// A cgroup file system in a temporary directory: `files` by path under it.
  func cgroupTree(_ files: [String: String]) throws -> String {
    let root = FileManager.default.temporaryDirectory
      .appendingPathComponent("cgroup-\(UUID().uuidString)").path
    for (path, text) in files {
      let file = root + "/" + path
      try FileManager.default.createDirectory(
        atPath: URL(fileURLWithPath: file).deletingLastPathComponent().path,
        withIntermediateDirectories: true)
      try text.write(toFile: file, atomically: false, encoding: .utf8)
    }
    return root
  }

  @Test func theQuotaIsTheTightestOverTheCgroupAndItsParents() throws {
    // cgroup v2: a limit on the parent slice applies to the job's scope below it.
    let v2 = try cgroupTree([
      "cpu.max": "max 100000\n",
      "system.slice/cpu.max": "300000 100000\n",
      "system.slice/job_7.scope/cpu.max": "max 100000\n",
    ])
    defer { try? FileManager.default.removeItem(atPath: v2) }
    let scope = CPUAllowance.quota(procCgroup: "0::/system.slice/job_7.scope\n", root: v2)
    #expect(scope?.cpus == 3 && scope?.file == v2 + "/system.slice/cpu.max")
    #expect(CPUAllowance.quota(procCgroup: "0::/\n", root: v2) == nil)
    // A container: /proc/self/cgroup names the host's path, its own cgroup is the root.
    let container = try cgroupTree(["cpu.max": "200000 100000\n"])
    defer { try? FileManager.default.removeItem(atPath: container) }
    #expect(CPUAllowance.quota(procCgroup: "0::/kubepods/pod1/abc\n", root: container)?.cpus == 2)
    // cgroup v1 (a SLURM job's cgroup in the cpu,cpuacct hierarchy), beside a v2 line.
    let v1 = try cgroupTree([
      "cpu,cpuacct/cpu.cfs_quota_us": "-1\n", "cpu,cpuacct/cpu.cfs_period_us": "100000\n",
      "cpu,cpuacct/slurm/job_7/cpu.cfs_quota_us": "150000\n",
      "cpu,cpuacct/slurm/job_7/cpu.cfs_period_us": "100000\n",
      "memory/slurm/job_7/cpu.cfs_quota_us": "100000\n",
      "memory/slurm/job_7/cpu.cfs_period_us": "100000\n",
    ])
    defer { try? FileManager.default.removeItem(atPath: v1) }
    let job = "7:memory:/slurm/job_7\n4:cpu,cpuacct:/slurm/job_7\n0::/\n"
    let slurm = CPUAllowance.quota(procCgroup: job, root: v1)
    #expect(slurm?.cpus == 2 && slurm?.file == v1 + "/cpu,cpuacct/slurm/job_7/cpu.cfs_quota_us")
    #expect(CPUAllowance.quota(procCgroup: "4:cpu,cpuacct:/\n", root: v1) == nil)
  }

  @Test func theAllowanceIsTheSmallerOfMaskAndQuota() {
    #expect(CPUAllowance(affinity: 4, quota: 2, processors: 8).cpus == 2)
    #expect(CPUAllowance(affinity: 1, quota: nil, processors: 8).cpus == 1)
    #expect(CPUAllowance(affinity: 2, quota: 16, processors: 64).cpus == 2)
    #expect(CPUAllowance(affinity: nil, quota: 3, processors: 8).cpus == 3)
    #expect(CPUAllowance(affinity: nil, quota: nil, processors: 8).cpus == 8)
    #expect(
      CPUAllowance(affinity: 4, quota: 2, quotaSource: "/sys/fs/cgroup/cpu.max", processors: 8)
        .explanation == "affinity mask 4 CPUs, cgroup quota 2 CPUs (/sys/fs/cgroup/cpu.max)")
    #expect(
      CPUAllowance(affinity: 1, quota: nil, processors: 2).explanation
        == "affinity mask 1 CPU, no cgroup CPU quota")
  }

  @Test func thisProcessHasAnAllowance() {
    let allowance = CPUAllowance.current()
    // The test runs wherever it runs (a taskset, a container): the mask it reads is this
    // process's own, within the machine's processors.
    let mask = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)
    #expect(allowance.affinity == mask.flatMap { CPUAllowance.cpus(procStatus: $0) })
    #expect(allowance.cpus >= 1)
    #expect(allowance.cpus <= allowance.affinity ?? allowance.processors)
  }

  @Test func jobsTakesANumberOrAuto() throws {
    #expect(try SweepJobs.parse("auto") == .auto)
    #expect(try SweepJobs.parse("AUTO") == .auto)
    #expect(try SweepJobs.parse("4") == .count(4))
    #expect(try SweepJobs.parse(" 3 ") == .count(3))
    // What `--jobs "$SLURM_CPUS_PER_TASK"` gives without --cpus-per-task.
    #expect {
      try SweepJobs.parse("")
    } throws: { error in
      let text = (error as? SweepError)?.description ?? ""
      return text.contains("empty") && text.contains("--jobs auto") && !text.contains("\n")
    }
    #expect(throws: SweepError("--jobs must be at least 1, got 0")) { try SweepJobs.parse("0") }
    #expect(throws: SweepError.self) { try SweepJobs.parse("two") }
    let allowance = CPUAllowance(affinity: 3, quota: nil, processors: 8)
    #expect(SweepJobs.auto.resolved { allowance } == 3)
    #expect(SweepJobs.count(5).resolved { allowance } == 5)
  }

  // MARK: Logs for batch systems

  func progress(_ finished: Int, elapsed: Double, diverged: Int = 0) -> SweepProgress {
    SweepProgress(
      finished: finished, total: 24, work: Double(finished) * 10, totalWork: 240,
      elapsed: elapsed, jobs: 4, diverged: diverged)
  }

  @Test func aLogLineAtMostEveryInterval() {
    let log = SweepLog(interval: 30)
    #expect(log.line(for: progress(1, elapsed: 10)) == nil)
    #expect(log.line(for: progress(2, elapsed: 30)) != nil)
    #expect(log.line(for: progress(3, elapsed: 59)) == nil)
    #expect(log.line(for: progress(5, elapsed: 60)) != nil)
    // The last run written: the closing line says it, not a progress line.
    #expect(log.line(for: progress(24, elapsed: 200)) == nil)
    #expect(log.latest == progress(24, elapsed: 200))
  }

  @Test func logLinesArePlainText() {
    #expect(
      progress(6, elapsed: 40).logLine
        == "sweep: 6/24 runs, 25% of the work, 0:40 elapsed, about 2:00 left, 4 jobs")
    #expect(
      progress(12, elapsed: 3700, diverged: 2).logLine
        == "sweep: 12/24 runs, 2 diverged, 50% of the work, 1:01:40 elapsed, about 1:01:40 left, 4 jobs"
    )
    let single = SweepProgress(finished: 0, total: 1, work: 0, totalWork: 5, elapsed: 0, jobs: 1)
    #expect(single.logLine == "sweep: 0/1 runs, 0% of the work, 0:00 elapsed, 1 job")
    #expect(!progress(6, elapsed: 40).logLine.contains("\r"))
  }

  @Test func theClosingLineCountsRunSkippedAndDiverged() {
    #expect(
      SweepLog.closingLine(
        ran: 16, skipped: 8, diverged: 1, out: "part-2.jsonl", seconds: 185, jobs: 4)
        == "sweep: 16 runs, 8 skipped (already in part-2.jsonl), 1 diverged; 3 min 5 s on 4 jobs")
    #expect(
      SweepLog.closingLine(ran: 1, skipped: 0, diverged: 0, out: nil, seconds: 0.44, jobs: 1)
        == "sweep: 1 run, 0 skipped, 0 diverged; 0.4 s on 1 job")
    #expect(
      SweepLog.closingLine(ran: 0, skipped: 24, diverged: 0, out: "p.jsonl", seconds: 0.02, jobs: 1)
        == "sweep: 0 runs, 24 skipped (already in p.jsonl), 0 diverged; 0.0 s on 1 job")
    #expect(SweepLog.duration(7325) == "2 h 2 min")
  }

  @Test func theRunnerCountsDivergedRuns() throws {
    var knobs: [Setting: [SettingValue]] = [.hidden: [.whole(8)], .batch: [.whole(32)]]
    knobs[.optimizer] = try Setting.optimizer.parseValues("sgd")
    knobs[.lrD] = try Setting.lrD.parseValues("1e-3,1e20")
    let grid = try SweepGrid(
      knobs: knobs, seeds: [1, 2], settings: SweepSettings(iterations: 50, every: 25))
    let last = Locked(SweepProgress?.none)
    try SweepRunner.run(
      grid: grid, indices: grid.indices(shard: nil), jobs: 2,
      progress: { p in last.withLock { $0 = p } }, write: { _ in true })
    let final = try #require(last.withLock { $0 })
    #expect(final.finished == 4 && final.total == 4)
    #expect(final.diverged == 2)
  }
}
