namespace WatchMonitor.Core.Tests.State;

/// <summary>
/// A state test class whose tests run on every engine of <see cref="StateEngines"/>: a theory starts with
/// <see cref="On"/>; a test about SQLite files uses <see cref="Context"/> directly, which is SQLite.
/// </summary>
public abstract class StateSuite : IDisposable
{
    private StateTestContext? _context;

    internal StateTestContext Context => _context ??= new StateTestContext();

    public static TheoryData<StateEngine> Engines() => StateEngines.All();

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    internal StateTestContext On(StateEngine engine) => _context = new StateTestContext(engine);

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _context?.Dispose();
        }
    }
}
