using System.Management.Automation;

namespace QlikOAuth.Infrastructure
{
    /// <summary>
    /// The progress bar of a call across tenants: tenants done and left, per phase. Shown only for more than one
    /// tenant: a one-tenant call is over before a bar would say anything. Call it from the pipeline thread only.
    /// </summary>
    internal sealed class TenantProgress
    {
        // Any fixed id: one bar per call, and Write-Progress tells calls apart by their source.
        private const int ActivityId = 0x23;

        private readonly Cmdlet _cmdlet;
        private readonly string _activity;
        private readonly int _tenants;
        private bool _shown;

        public TenantProgress(Cmdlet cmdlet, string activity, int tenants)
        {
            _cmdlet = cmdlet;
            _activity = activity;
            _tenants = tenants;
        }

        public void Show(string phase, int done)
        {
            if (_tenants < 2)
            {
                return;
            }

            _shown = true;
            _cmdlet.WriteProgress(new ProgressRecord(ActivityId, _activity, $"{phase}: {done} of {_tenants} tenants done, {_tenants - done} left")
            {
                PercentComplete = done * 100 / _tenants,
            });
        }

        public void Complete()
        {
            if (_shown)
            {
                _cmdlet.WriteProgress(new ProgressRecord(ActivityId, _activity, "Done") { RecordType = ProgressRecordType.Completed });
            }
        }
    }
}
