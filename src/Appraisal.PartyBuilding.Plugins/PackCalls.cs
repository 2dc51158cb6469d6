using System.Runtime.ExceptionServices;
using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Plugins;

/// <summary>How long the host waits for a pack's code where it calls it (<c>Packs:CallTimeout</c>).</summary>
/// <param name="CallTimeout">
/// The longest a pack's constructor (with its manifest and scorers) or one scorer call may take. A call past it is
/// abandoned: the pack is refused at load, a scoring run fails with a message naming the pack.
/// </param>
public sealed record PackLoadSettings(TimeSpan CallTimeout)
{
    /// <summary>Ten seconds: a real pack needs milliseconds, a hung one must not hold an upload or a start-up for long.</summary>
    public static PackLoadSettings Default { get; } = new(TimeSpan.FromSeconds(10));
}

/// <summary>A pack's code did not return within <see cref="PackLoadSettings.CallTimeout"/>.</summary>
public sealed class PackCallTimeoutException(string message) : TimeoutException(message);

/// <summary>
/// Calls into a pack's code with a time limit. .NET cannot stop a thread, so a call that never returns is abandoned,
/// not killed: it keeps the thread it runs on (and keeps its load context from unloading) until the process ends.
/// That costs one thread per hung call, never the upload, the start-up or the scoring run that made it.
/// </summary>
internal static class PackCalls
{
    /// <summary>
    /// Runs a one-off call (creating a pack) on a background thread of its own, so that a constructor that never
    /// returns holds that thread only, not one of the thread pool's.
    /// </summary>
    public static T OnOwnThread<T>(Func<T> call, TimeSpan limit, Func<string> timedOut)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = call();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        })
        {
            IsBackground = true,
            Name = "pack-call",
        };
        thread.Start();
        if (!thread.Join(limit))
        {
            throw new PackCallTimeoutException(timedOut());
        }

        failure?.Throw();
        return result;
    }

    /// <summary>
    /// Runs a frequent call (a scorer) on one of the host's pack-call threads. Not the thread pool: callers that
    /// score in parallel on pool threads and block on the answer would starve the pool, and a quick call would then
    /// wait past its limit in the pool's queue. Not a thread per call either: that costs more than most scorers take.
    /// </summary>
    public static T OnCallThread<T>(Func<T> call, TimeSpan limit, Func<string> timedOut)
    {
        var work = new PackCall<T>(call);
        PackCallThreads.Queue.Add(work.Run);
        if (!work.Done.Wait(limit))
        {
            // The thread running it may never come back: replace it so the other packs keep their capacity.
            PackCallThreads.AddThread();
            throw new PackCallTimeoutException(timedOut());
        }

        work.Done.Dispose();
        return work.Result();
    }

    private sealed class PackCall<T>(Func<T> call)
    {
        private T value = default!;
        private ExceptionDispatchInfo? failure;

        public ManualResetEventSlim Done { get; } = new(false);

        public void Run()
        {
            try
            {
                value = call();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                Done.Set();
            }
        }

        public T Result()
        {
            failure?.Throw();
            return value;
        }
    }
}

/// <summary>
/// The background threads that run scorer calls (<see cref="PackCalls.OnCallThread{T}"/>): twice the processor count
/// to start with, one more for each call abandoned after its time limit, up to a bound.
/// </summary>
internal static class PackCallThreads
{
    private const int MaxThreads = 256;
    private static int count;

    static PackCallThreads()
    {
        for (var i = 0; i < Math.Max(4, Environment.ProcessorCount * 2); i++)
        {
            AddThread();
        }
    }

    public static System.Collections.Concurrent.BlockingCollection<Action> Queue { get; } = new();

    public static void AddThread()
    {
        if (Interlocked.Increment(ref count) > MaxThreads)
        {
            Interlocked.Decrement(ref count);
            return;
        }

        new Thread(() =>
        {
            foreach (var work in Queue.GetConsumingEnumerable())
            {
                work();
            }
        })
        {
            IsBackground = true,
            Name = "pack-scorer",
        }.Start();
    }
}

/// <summary>A pack's scorer as the host calls it: with the time limit. Its id was read once, when the pack loaded.</summary>
internal sealed class TimedScorer(IIndicatorScorer inner, string id, string pack, TimeSpan limit) : IIndicatorScorer
{
    public string Id => id;

    public IndicatorResult Score(Indicator indicator, BranchEvidence evidence) =>
        PackCalls.OnCallThread(
            () => inner.Score(indicator, evidence),
            limit,
            () => $"指标包“{pack}”的计分器“{id}”为指标“{indicator.Code}”计分超过 {limit.TotalSeconds:0.###} 秒仍未完成（Packs:CallTimeout），本次计分已中止。");
}
